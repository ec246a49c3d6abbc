// apps layer: printing diagnostics for every command the same way.
#include <iostream>

#include "commands.hpp"

namespace puzle::cli {

void print_diagnostics(const Diagnostics& diags, const SourceSet& sources, const std::string& format) {
  if (format == "json") {
    std::cout << render_json(diags, sources);
    return;
  }
  std::cerr << render_text(diags, sources);
  if (diags.error_count() || diags.warning_count())
    std::cerr << diags.error_count() << " error(s), " << diags.warning_count() << " warning(s)\n";
}

}  // namespace puzle::cli
