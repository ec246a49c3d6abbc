// engine layer (batch): JSON Lines input: one profile object per line, read one line at a time.
#include <string>

#include "io/bounded_read.hpp"
#include "puzle/batch.hpp"

namespace puzle {
namespace {

class JsonlReader final : public RecordReader {
 public:
  JsonlReader(std::istream& in, std::size_t max_record) : in_(in), max_(max_record) {}

  bool next(BatchRecord& out) override {
    std::string text;
    bool cut = false;
    while (io::read_line(in_, max_, text, cut)) {
      ++line_;
      if (cut) {
        out = BatchRecord{line_, {}, "the line is longer than " + std::to_string(max_) + " bytes", false};
        return true;
      }
      if (line_ == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a UTF-8 BOM
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (text.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines separate nothing
      out = BatchRecord{line_, std::move(text), {}};
      return true;
    }
    return false;
  }

 private:
  std::istream& in_;
  std::size_t max_;
  std::uint64_t line_ = 0;
};

}  // namespace

std::unique_ptr<RecordReader> jsonl_reader(std::istream& in, std::size_t max_record) {
  return std::make_unique<JsonlReader>(in, max_record);
}

}  // namespace puzle
