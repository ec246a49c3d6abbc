// engine layer (batch): small SVG charts for the HTML report, drawn as plain markup so the
// page needs no script and no library. Every mark carries a <title>, shown on hover.
#pragma once

#include <string>
#include <vector>

namespace puzle::svg {

struct Bar {
  std::string label;
  double value = 0;
  std::string note;   // printed after the bar, e.g. "412 (43 %)"
  std::string color;  // CSS colour
};
// Horizontal bars, one per row, scaled to the largest value.
std::string bar_chart(const std::vector<Bar>& bars, const std::string& caption);

// A grid of cells coloured by a share from 0 to 1, with the percentage written in each cell.
std::string heatmap(const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                    const std::vector<std::vector<double>>& shares, const std::string& caption);

}  // namespace puzle::svg
