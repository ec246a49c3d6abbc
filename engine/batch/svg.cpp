// engine layer (batch): the report's SVG charts. Sizes are computed from the data: a label
// column wide enough for the longest label (at ~7 px per character), one row per item.
#include "batch/svg.hpp"

#include "render/html.hpp"

#include <algorithm>
#include <cstdio>

namespace puzle::svg {
namespace {

using render::html_escape;
constexpr auto esc = [](const std::string& s) { return html_escape(s); };

std::size_t chars(const std::string& s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// White to a deep blue as the share grows.
std::string shade(double share) {
  share = std::clamp(share, 0.0, 1.0);
  const int r = static_cast<int>(247 - share * (247 - 33));
  const int g = static_cast<int>(251 - share * (251 - 102));
  const int b = static_cast<int>(255 - share * (255 - 172));
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
  return buf;
}

}  // namespace

std::string bar_chart(const std::vector<Bar>& bars, const std::string& caption) {
  std::size_t label_chars = 4, note_chars = 4;
  double max = 0;
  for (const auto& b : bars) {
    label_chars = std::max(label_chars, chars(b.label));
    note_chars = std::max(note_chars, chars(b.note));
    max = std::max(max, b.value);
  }
  const double label_w = 12 + 7.0 * static_cast<double>(label_chars), bar_w = 360, row = 22;
  const double width = label_w + bar_w + 16 + 7.0 * static_cast<double>(note_chars);
  const double height = row * static_cast<double>(bars.size()) + 8;
  std::string o = "<figure><svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                  "\" width=\"" + num(width) + "\" height=\"" + num(height) +
                  "\" style=\"max-width:100%;height:auto\" aria-label=\"" + esc(caption) + "\">\n";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double y = 4 + row * static_cast<double>(i);
    const double w = max > 0 ? bar_w * b.value / max : 0;
    o += "<g><title>" + esc(b.label + ": " + b.note) + "</title>";
    o += "<text x=\"" + num(label_w - 8) + "\" y=\"" + num(y + 15) + "\" text-anchor=\"end\">" + esc(b.label) +
         "</text>";
    o += "<rect class=\"bar\" x=\"" + num(label_w) + "\" y=\"" + num(y + 3) + "\" width=\"" + num(w) + "\" height=\"" +
         num(row - 6) + "\" fill=\"" + esc(b.color.empty() ? "#2166ac" : b.color) + "\"/>";
    o += "<text x=\"" + num(label_w + w + 6) + "\" y=\"" + num(y + 15) + "\">" + esc(b.note) + "</text></g>\n";
  }
  return o + "</svg><figcaption>" + esc(caption) + "</figcaption></figure>\n";
}

std::string heatmap(const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                    const std::vector<std::vector<double>>& shares, const std::string& caption) {
  std::size_t label_chars = 4, col_chars = 4;
  for (const auto& r : rows) label_chars = std::max(label_chars, chars(r));
  for (const auto& c : columns) col_chars = std::max(col_chars, chars(c));
  const double label_w = 12 + 7.0 * static_cast<double>(label_chars),
               cell_w = std::max(64.0, 7.0 * static_cast<double>(col_chars) + 8), cell_h = 24, head = 28;
  const double width = label_w + cell_w * static_cast<double>(columns.size()) + 4;
  const double height = head + cell_h * static_cast<double>(rows.size()) + 4;
  std::string o = "<figure><svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                  "\" width=\"" + num(width) + "\" height=\"" + num(height) +
                  "\" style=\"max-width:100%;height:auto\" aria-label=\"" + esc(caption) + "\">\n";
  for (std::size_t c = 0; c < columns.size(); ++c)
    o += "<text x=\"" + num(label_w + cell_w * (static_cast<double>(c) + 0.5)) + "\" y=\"18\" text-anchor=\"middle\">" +
         esc(columns[c]) + "</text>\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double y = head + cell_h * static_cast<double>(r);
    o += "<text x=\"" + num(label_w - 8) + "\" y=\"" + num(y + 16) + "\" text-anchor=\"end\">" + esc(rows[r]) +
         "</text>\n";
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const double share = shares[r][c];
      const std::string pct = std::to_string(static_cast<int>(share * 100 + 0.5)) + " %";
      const double x = label_w + cell_w * static_cast<double>(c);
      o += "<g><title>" + esc(rows[r] + " · " + columns[c] + ": " + pct) + "</title><rect class=\"cell\" x=\"" +
           num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(cell_w - 2) + "\" height=\"" + num(cell_h - 2) +
           "\" fill=\"" + shade(share) + "\"/><text x=\"" + num(x + cell_w / 2) + "\" y=\"" + num(y + 16) +
           "\" text-anchor=\"middle\" fill=\"" + (share > 0.55 ? "#fff" : "#222") + "\">" + pct + "</text></g>\n";
    }
  }
  return o + "</svg><figcaption>" + esc(caption) + "</figcaption></figure>\n";
}

}  // namespace puzle::svg
