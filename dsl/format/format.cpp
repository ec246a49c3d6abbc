// dsl layer: format_module, the formatter's entry point: layout, then comments, then text.
#include "puzle/format.hpp"

#include "format/doc.hpp"

namespace puzle {

std::string format_module(const ast::Module& module, const SourceFile& file) {
  auto items = format_impl::layout(module, file);
  const auto top = format_impl::attach_comments(items, module.comments, file);
  return format_impl::render(items, top);
}

}  // namespace puzle
