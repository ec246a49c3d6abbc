// Public API: the HTML report of a batch (puzle report): one self-contained page (inline style,
// inline SVG charts, no scripts, no external assets) with the summary tables and charts people
// would rather look at than read: puzzle coverage by population segment and province, the most
// frequent short-term objectives, the demand for each public solution and provider.
#pragma once

#include <string>

#include "puzle/batch.hpp"

namespace puzle {

struct ReportInfo {
  std::string title = "puzle: the digital municipality over the territory";
  std::string input;  // where the profiles came from
  std::string date;   // the day validity dates were judged on
};

std::string render_batch_report_html(const Rulebase& rulebase, const BatchSummary& summary, const ReportInfo& info);

}  // namespace puzle
