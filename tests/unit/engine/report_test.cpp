// `puzle report`: the HTML page says what the summary says, and Debian's Chromium renders it:
// a harness page (test-only script) loads the report in a frame and measures the laid-out page.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include "test_files.hpp"

namespace report_test {
namespace {

using puzle::test_files::slurp;

namespace fs = std::filesystem;

// Runs a shell command; returns stdout and sets the exit status.
std::string shell(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  status = WEXITSTATUS(pclose(p));
  return out;
}

fs::path scratch() {
  fs::path dir = fs::temp_directory_path() / ("puzle-report-" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir;
}

fs::path make_report(const fs::path& dir) {
  const fs::path out = dir / "report.html";
  int status = -1;
  shell("cd '" PUZLE_SOURCE_DIR "' && '" PUZLE_CLI_PATH
        "' report --rules rules examples/municipis_catalunya.csv --date 2026-01-01 "
        "--no-progress -o '" +
            out.string() + "' 2>/dev/null",
        status);
  EXPECT_EQ(status, 0);
  return out;
}

TEST(Report, ThePageIsSelfContainedAndSaysWhatTheBatchCounted) {
  const fs::path dir = scratch();
  const std::string html = slurp(make_report(dir));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* banned : {"<script", "src=", "href=\"http", "@import", "url("})
    EXPECT_EQ(html.find(banned), std::string::npos) << banned;
  EXPECT_NE(html.find("<b>947</b>profiles"), std::string::npos);
  EXPECT_NE(html.find("<b>0</b>failed"), std::string::npos);
  EXPECT_NE(html.find("Puzzle coverage by population segment"), std::string::npos);
  EXPECT_NE(html.find("Puzzle coverage by province"), std::string::npos);
  // Real province sizes of the 947 municipalities.
  EXPECT_NE(html.find("barcelona (311)"), std::string::npos);
  EXPECT_NE(html.find("girona (221)"), std::string::npos);
  EXPECT_NE(html.find("lleida (231)"), std::string::npos);
  EXPECT_NE(html.find("tarragona (184)"), std::string::npos);
  // Every municipality gets e-NOTUM's element (notifications are a legal duty): full demand.
  EXPECT_NE(html.find("e-NOTUM · Consorci AOC: 947 municipalities"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Report, ChromiumRendersTheChartsInsideThePage) {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium))
    GTEST_SKIP() << "Debian's chromium is not installed (scripts/install-deps.sh --test installs it)";
  const fs::path dir = scratch();
  make_report(dir);
  // The harness measures the report as Chromium laid it out and prints one line per finding.
  std::ofstream(dir / "harness.html") << R"(<!DOCTYPE html><html><body><pre id="result">pending</pre>
<iframe id="f" src="report.html" style="width:1280px;height:900px"></iframe>
<script>
document.getElementById('f').addEventListener('load', () => {
  const d = document.getElementById('f').contentDocument;
  const out = [];
  const charts = d.querySelectorAll('svg.chart');
  out.push('charts ' + charts.length);
  let empty = 0, outside = 0, bars = 0, cells = 0;
  for (const svg of charts) {
    const box = svg.getBoundingClientRect();
    if (box.width < 50 || box.height < 20) empty++;
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text, rect')) {
      const b = t.getBBox();
      if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > vb.width + 0.5 || b.y + b.height > vb.height + 0.5) outside++;
    }
    bars += svg.querySelectorAll('rect.bar').length;
    cells += svg.querySelectorAll('rect.cell').length;
  }
  out.push('empty ' + empty, 'outside ' + outside, 'bars ' + bars, 'cells ' + cells);
  out.push('overflow ' + (d.documentElement.scrollWidth > d.documentElement.clientWidth ? 1 : 0));
  out.push('title ' + d.title);
  document.getElementById('result').textContent = out.join('\n');
});
</script></body></html>)";
  int status = -1;
  const std::string dom = shell(std::string(chromium) +
                                    " --headless --no-sandbox --disable-gpu --allow-file-access-from-files "
                                    "--virtual-time-budget=10000 --window-size=1400,1000 --dump-dom 'file://" +
                                    (dir / "harness.html").string() + "' 2>/dev/null",
                                status);
  ASSERT_EQ(status, 0);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dom, m, std::regex(R"(<pre id="result">([^<]*)</pre>)"))) << dom.substr(0, 500);
  const std::string result = m[1];
  SCOPED_TRACE(result);
  auto value = [&](const std::string& key) {
    std::smatch v;
    return std::regex_search(result, v, std::regex(key + " (\\d+)")) ? std::stoi(v[1]) : -1;
  };
  EXPECT_EQ(value("charts"), 5) << "two coverage heatmaps, objectives, solutions, providers";
  EXPECT_EQ(value("empty"), 0) << "every chart has a size on the page";
  EXPECT_EQ(value("outside"), 0) << "no label or mark falls outside its chart";
  EXPECT_GE(value("bars"), 4 + 7 + 10);
  EXPECT_EQ(value("cells"), (19 + 5) * 6) << "segment and province rows (with 'all') times six areas";
  EXPECT_EQ(value("overflow"), 0) << "the page does not scroll sideways";
  EXPECT_NE(result.find("title puzle: the digital municipality over the territory"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace report_test
