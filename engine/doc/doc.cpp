// engine layer (documentation): the public entry point of `puzle doc`.
#include "puzle/doc.hpp"

#include "doc/doc_writers.hpp"

namespace puzle {

std::string render_rulebase_doc(const Rulebase& rulebase, DocFormat format) {
  const doc::Model model = doc::build_model(rulebase);
  return format == DocFormat::Html ? doc::write_html(model) : doc::write_markdown(model);
}

}  // namespace puzle
