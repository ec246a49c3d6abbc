// apps layer: printing diagnostics for every command the same way.
#include <ctime>
#include <iostream>

#include "commands.hpp"
#include "puzle/date.hpp"

namespace puzle::cli {

void print_diagnostics(const Diagnostics& diags, const SourceSet& sources, const std::string& format) {
  if (format == "json") {
    std::cout << render_json(diags, sources);
    return;
  }
  std::cerr << render_text(diags, sources);
  if (diags.error_count() || diags.warning_count() || diags.acknowledged_count()) {
    std::cerr << diags.error_count() << " error(s), " << diags.warning_count() << " warning(s)";
    if (diags.acknowledged_count()) std::cerr << ", " << diags.acknowledged_count() << " acknowledged";
    std::cerr << "\n";
  }
}

Date today_utc() { return Date::today_utc(); }

}  // namespace puzle::cli
