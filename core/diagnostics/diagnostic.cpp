// core layer: the diagnostic list and its two renderings. The only place that formats a location.
#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "puzle/diagnostic.hpp"
#include "text/display.hpp"
#include "text/utf8.hpp"

namespace puzle {

const std::vector<CodeInfo>& all_codes() {
  static const std::vector<CodeInfo> codes = {
#define X(code, severity, name, summary) {Code::code, #code, Severity::severity, #name, summary},
#include "puzle/diagnostic_codes.def"
#undef X
  };
  return codes;
}

const CodeInfo& code_info(Code code) { return all_codes().at(static_cast<std::size_t>(code)); }

void Diagnostics::count(const Diagnostic& d) {
  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++(d.acknowledged ? acknowledged_ : warnings_);
}

Diagnostic& Diagnostics::add(Code code, Span span, std::string message, std::string hint) {
  const auto sev = code_info(code).severity;
  items_.push_back({code, sev, span, std::move(message), std::move(hint), {}, std::nullopt});
  count(items_.back());
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.items_) {
    items_.push_back(d);
    count(d);
  }
}

bool Diagnostics::acknowledge(std::size_t index, std::string reason) {
  if (index >= items_.size() || items_[index].severity != Severity::Warning) return false;
  Diagnostic& d = items_[index];
  if (!d.acknowledged) {
    --warnings_;
    ++acknowledged_;
  }
  d.acknowledged = std::move(reason);
  return true;
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.span.file, a.span.begin, a.code, a.message) <
           std::tie(b.span.file, b.span.begin, b.code, b.message);
  });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [](const Diagnostic& a, const Diagnostic& b) {
                             return a.span == b.span && a.code == b.code && a.message == b.message;
                           }),
               items_.end());
  errors_ = warnings_ = acknowledged_ = 0;
  for (const auto& d : items_) count(d);
}

namespace {

std::string location(const SourceSet& sources, Span s) {
  if (s.file >= sources.size()) return "<unknown>";
  const auto& f = sources.file(s.file);
  auto lc = f.line_col(s.begin);
  return text::one_line(f.path()) + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

// The source line and a caret line under the span (clipped to the first line of the span). A
// long line shows a window around the span (a minified profile is one line of up to 1 MiB), and
// control characters show as escapes, with the caret still under what it points at.
std::string excerpt(const SourceSet& sources, Span s) {
  if (s.file >= sources.size()) return {};
  const auto& f = sources.file(s.file);
  if (f.text().empty()) return {};
  // A line up to kLong code points shows whole; a longer one shows kWindow of them, kBefore of
  // them before the span.
  constexpr std::uint32_t kLong = 240, kBefore = 80, kWindow = 200;
  const auto lc = f.line_col(s.begin);
  const std::string_view line = f.line_text(lc.line);
  const bool whole = line.size() <= kLong || utf8::count_code_points(line) <= kLong;
  const std::uint32_t first = whole || lc.column <= kBefore ? 1 : lc.column - kBefore;
  const std::uint32_t window = whole ? kLong : kWindow;
  std::size_t before = 0;  // bytes of the line before the span's column
  for (std::uint32_t c = 1; c < lc.column && before < line.size(); ++c)
    before += utf8::sequence_length(static_cast<unsigned char>(line[before]));
  const std::size_t line_offset = s.begin - before;  // where the line starts in the file
  const std::size_t span_end = std::max<std::size_t>(s.end, s.begin + 1);
  std::string shown = first > 1 ? "…" : "", caret = first > 1 ? " " : "";
  std::size_t byte = 0;
  std::uint32_t col = 1;
  std::size_t marks = 0;
  for (; byte < line.size() && col < first + window; ++col) {
    const std::size_t n = std::min(utf8::sequence_length(static_cast<unsigned char>(line[byte])), line.size() - byte);
    const std::string_view cp = line.substr(byte, n);
    if (col >= first) {
      const bool tab = cp == "\t";
      const std::string piece = tab ? std::string(cp) : text::one_line(cp);
      const std::size_t w = piece.size() == cp.size() ? 1 : piece.size();  // an escape is ASCII
      shown += piece;
      const bool in_span = col >= lc.column && line_offset + byte < span_end;
      if (in_span) marks += w;
      caret += in_span ? std::string(w, '^') : col < lc.column ? (tab ? std::string("\t") : std::string(w, ' ')) : "";
    }
    byte += n;
  }
  if (byte < line.size()) shown += "…";
  if (marks == 0) caret += "^";  // the span is at the end of the line (or beyond the window)
  const std::string number = std::to_string(lc.line);
  return " " + number + " | " + shown + "\n " + std::string(number.size(), ' ') + " | " + caret + "\n";
}

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "?";
}

}  // namespace

std::string render_text(const Diagnostic& d, const SourceSet& sources) {
  // Messages quote values from the input: a line break or a terminal escape among them is shown
  // escaped, never acted on.
  std::string out = location(sources, d.span) + ": " + severity_word(d.severity) + "[" +
                    std::string(code_info(d.code).id) + "]: " + text::one_line(d.message) + "\n";
  out += excerpt(sources, d.span);
  if (d.acknowledged) out += "  acknowledged: " + text::one_line(*d.acknowledged) + "\n";
  if (!d.hint.empty()) out += "  hint: " + text::one_line(d.hint) + "\n";
  for (const auto& n : d.notes) {
    out += "  note: ";
    if (n.has_span) out += location(sources, n.span) + ": ";
    out += text::one_line(n.message) + "\n";
  }
  return out;
}

std::string render_text(const Diagnostics& ds, const SourceSet& sources) {
  std::string out;
  for (const auto& d : ds.items()) out += render_text(d, sources);
  return out;
}

std::string render_json(const Diagnostics& ds, const SourceSet& sources) {
  auto json = nlohmann::ordered_json::array();
  auto where = [&](Span s, nlohmann::ordered_json& j) {
    if (s.file >= sources.size()) return;
    const auto& f = sources.file(s.file);
    auto b = f.line_col(s.begin);
    auto e = f.line_col(std::max(s.end, s.begin));
    j["file"] = f.path();
    j["line"] = b.line;
    j["column"] = b.column;
    j["end_line"] = e.line;
    j["end_column"] = e.column;
  };
  for (const auto& d : ds.items()) {
    nlohmann::ordered_json j;
    j["code"] = std::string(code_info(d.code).id);
    j["severity"] = severity_word(d.severity);
    where(d.span, j);
    j["message"] = d.message;
    if (d.acknowledged) j["acknowledged"] = *d.acknowledged;
    if (!d.hint.empty()) j["hint"] = d.hint;
    auto notes = nlohmann::ordered_json::array();
    for (const auto& n : d.notes) {
      nlohmann::ordered_json jn;
      if (n.has_span) where(n.span, jn);
      jn["message"] = n.message;
      notes.push_back(std::move(jn));
    }
    if (!notes.empty()) j["notes"] = std::move(notes);
    json.push_back(std::move(j));
  }
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace puzle
