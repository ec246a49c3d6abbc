// engine layer (rendering): escaping text for HTML, shared by the pages puzle writes (doc, report).
#pragma once

#include <string>
#include <string_view>

namespace puzle::render {

inline std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace puzle::render
