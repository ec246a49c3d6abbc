// The formatter changes layout only: every example rulebase, formatted file by file, checks to
// the same resolved program (compared through the location-free IR dump).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "puzle/format.hpp"
#include "puzle/frontend.hpp"
#include "puzle/ir_dump.hpp"

namespace puzle::format_ir_test {
namespace {

namespace fs = std::filesystem;

std::vector<std::pair<std::string, std::string>> read_folder(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".pzl") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    files.emplace_back(entry.path().lexically_relative(dir).generic_string(), ss.str());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(FormatIr, FormattedRulebasesCheckToTheSameProgram) {
  int checked = 0;
  for (const char* folder : {"examples/minimal", "rules"}) {
    const fs::path dir = fs::path(PUZLE_SOURCE_DIR) / folder;
    if (!fs::exists(dir)) continue;
    SCOPED_TRACE(folder);
    auto files = read_folder(dir);
    auto original = load_rulebase_from_text(files);
    ASSERT_TRUE(original.program) << render_text(original.diagnostics, original.sources);
    for (std::size_t i = 0; i < files.size(); ++i)
      files[i].second = format_module(original.modules[i], original.sources.file(static_cast<FileId>(i)));
    auto formatted = load_rulebase_from_text(files);
    ASSERT_TRUE(formatted.program) << render_text(formatted.diagnostics, formatted.sources);
    EXPECT_EQ(dump_program(*formatted.program), dump_program(*original.program));
    EXPECT_EQ(formatted.diagnostics.warning_count(), original.diagnostics.warning_count());
    ++checked;
  }
  EXPECT_GE(checked, 1);
}

}  // namespace
}  // namespace puzle::format_ir_test
