// engine layer (batch): CSV input with a header line, converted row by row to profile JSON so
// that the profile loader validates it exactly as it validates a JSON profile. Quoting follows
// RFC 4180: a quoted cell may hold commas, doubled quotes and line breaks.
#include <algorithm>
#include <cctype>
#include <deque>
#include <string>
#include <vector>

#include "batch/batch_internal.hpp"
#include "io/bounded_read.hpp"
#include "puzle/batch.hpp"
#include "text/display.hpp"
#include "text/lower.hpp"

namespace puzle {
namespace {

using TK = ir::TypeKind;

// One record of the file: its cells, the line it starts on, and what is wrong with it.
struct Row {
  std::vector<std::string> cells;
  std::uint64_t line = 0;
  std::string problem;
};

// Records from the input's physical lines. A quoted cell may span lines (RFC 4180); a quote
// still open at the end of the input, or after max_, is reported on its row, and the
// lines after that row's first are read again, so one stray quote costs one row, not the rest
// of the file. Memory is bounded by the record limit however the input looks.
class CsvParser {
 public:
  CsvParser(std::istream& in, std::size_t max_record) : in_(in), max_(max_record) {}

  // False at the end of the input. Blank lines are skipped.
  bool next(Row& row) {
    for (;;) {
      Line first;
      if (!take(first)) return false;
      row = Row{{}, first.number, {}};
      read_row(std::move(first), row);
      if (row.cells.size() == 1 && row.cells[0].empty() && row.problem.empty()) continue;  // blank line
      return true;
    }
  }

 private:
  struct Line {
    std::uint64_t number = 0;
    std::string text;  // without its '\n'
    bool cut = false;  // longer than max_: the rest was skipped
  };

  // The next physical line: one given back first, else one read from the input.
  bool take(Line& out) {
    if (!again_.empty()) {
      out = std::move(again_.front());
      again_.pop_front();
      return true;
    }
    if (!io::read_line(in_, max_, out.text, out.cut)) return false;
    out.number = ++read_;
    if (out.number == 1 && out.text.rfind("\xEF\xBB\xBF", 0) == 0) out.text.erase(0, 3);  // a UTF-8 BOM
    return true;
  }

  void read_row(Line line, Row& row) {
    if (line.cut) {
      row.problem = "the line is longer than " + std::to_string(max_) + " bytes";
      return;
    }
    std::vector<Line> held;  // the lines after the first that a quoted cell took, to give back
    std::size_t bytes = line.text.size();
    std::string cell;
    bool quoted = false, was_quoted = false;
    std::size_t i = 0;
    for (;;) {
      const std::string& t = line.text;
      if (i == t.size()) {
        if (!quoted) break;
        // The quoted cell goes on, on the next line.
        Line next;
        const bool more = bytes <= max_ && take(next);
        if (!more || next.cut) {
          if (more) held.push_back(std::move(next));
          row.problem =
              "a quoted cell opened on this line is not closed " +
              std::string(bytes > max_ || (more && held.back().cut) ? "within " + std::to_string(max_) + " bytes"
                                                                    : "before the end of the input") +
              (held.empty() ? "" : "; the lines after it are read again as rows");
          for (auto it = held.rbegin(); it != held.rend(); ++it) again_.push_front(std::move(*it));
          row.cells.clear();
          return;
        }
        cell += '\n';
        bytes += next.text.size() + 1;
        held.push_back(next);
        line = std::move(next);
        i = 0;
        continue;
      }
      const char c = t[i++];
      if (quoted) {
        if (c == '"') {
          if (i < t.size() && t[i] == '"') {
            ++i;
            cell += '"';
          } else {
            quoted = false;
          }
        } else {
          cell += c;
        }
        continue;
      }
      if (c == ',') {
        row.cells.push_back(std::move(cell));
        cell.clear();
        was_quoted = false;
      } else if (c == '\r') {
        // CRLF ends the line; a lone CR (old Mac files) ends the row, and the rest is the next.
        if (i < t.size()) again_.push_front(Line{line.number + 1, t.substr(i), false});
        break;
      } else if (c == '"') {
        if (!cell.empty() || was_quoted) {
          if (row.problem.empty())
            row.problem = "a quote inside an unquoted cell: quote the whole cell and double the quote (\"\")";
          cell += '"';
        } else {
          quoted = was_quoted = true;
        }
      } else {
        if (was_quoted && row.problem.empty()) row.problem = "text after the closing quote of a cell";
        cell += c;
      }
    }
    row.cells.push_back(std::move(cell));
  }

  std::istream& in_;
  std::size_t max_;  // the longest record kept
  std::deque<Line> again_;
  std::uint64_t read_ = 0;  // physical lines read from the input
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string lower(const std::string& s) { return text::lower(s); }

// "20.000" or "1,234,567": digits in groups of three. In a whole-number field such a cell is
// ambiguous (in Catalan and Spanish the point separates thousands), so it is refused.
bool grouped_digits(const std::string& s) {
  std::size_t i = s[0] == '-' ? 1 : 0, lead = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++lead;
  if (lead == 0 || lead > 3 || i == s.size()) return false;
  while (i < s.size()) {
    if (s[i] != '.' && s[i] != ',') return false;
    for (int k = 1; k <= 3; ++k)
      if (i + k >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i + k]))) return false;
    i += 4;
  }
  return true;
}

bool whole_number_field(TK kind) { return kind == TK::Int || kind == TK::Level || kind == TK::PerAreaLevel; }

void json_string(std::string& out, const std::string& s) { batch::append_json_string(out, s); }

bool plain_number(const std::string& s) {
  std::size_t i = s[0] == '-' ? 1 : 0;
  const std::size_t digits = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == digits) return false;
  if (i < s.size() && s[i] == '.') {
    const std::size_t frac = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == frac) return false;
  }
  return i == s.size();
}

// How a column becomes part of the profile JSON.
struct Column {
  ir::FieldId field = ir::kNone;
  std::string area;  // for `maturity.viure`: the area
};

class CsvReader final : public RecordReader {
 public:
  CsvReader(std::istream& in, const Rulebase& rb, std::size_t max_record)
      : parser_(in, max_record), p_(rb.program()), rb_(rb) {}

  std::string read_header() {
    Row header;
    if (!parser_.next(header)) return "the CSV input is empty: it needs a header line naming the profile fields";
    if (!header.problem.empty()) return "line " + std::to_string(header.line) + ": " + header.problem;
    std::string problems;
    auto problem = [&](const std::string& s) { problems += (problems.empty() ? "" : "; ") + s; };
    for (const auto& raw : header.cells) {
      const std::string name = trim(raw);
      const std::string shown = text::excerpt(name);
      Column col;
      const auto dot = name.find('.');
      const std::string field = dot == std::string::npos ? name : name.substr(0, dot);
      for (ir::FieldId f = 0; f < p_.fields.size(); ++f)
        if (p_.fields[f].name == field) col.field = f;
      if (col.field == ir::kNone) {
        problem("column \"" + shown + "\" is not a field of the profile");
      } else if (dot != std::string::npos) {
        col.area = name.substr(dot + 1);
        if (p_.fields[col.field].type.kind != TK::PerAreaLevel)
          problem("column \"" + shown + "\": only a level[area] field takes one column per area");
        else if (rb_.find_area(col.area) == ir::kNone)
          problem("column \"" + shown + "\": \"" + text::excerpt(col.area) + "\" is not an area");
      }
      for (const auto& seen : columns_)
        if (seen.field == col.field && seen.area == col.area && col.field != ir::kNone)
          problem("column \"" + shown + "\" is given twice");
      columns_.push_back(col);
      header_.push_back(shown);
    }
    return problems.empty() ? "" : "bad CSV header: " + problems;
  }

  bool next(BatchRecord& out) override {
    Row row;
    if (!parser_.next(row)) return false;
    out = BatchRecord{row.line, {}, row.problem, true};
    if (out.problem.empty() && row.cells.size() != columns_.size())
      out.problem =
          "the row has " + std::to_string(row.cells.size()) + " cells, the header " + std::to_string(columns_.size());
    if (out.problem.empty()) out.problem = ambiguous_number(row.cells);
    if (out.problem.empty()) out.json = to_json(row.cells);
    return true;
  }

 private:
  // A whole-number cell written with a separator between thousands: which number is meant is
  // a guess, and puzle does not guess.
  std::string ambiguous_number(const std::vector<std::string>& cells) const {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const std::string cell = trim(cells[i]);
      if (cell.empty() || !whole_number_field(p_.fields[columns_[i].field].type.kind) || !grouped_digits(cell))
        continue;
      std::string digits;
      for (char c : cell)
        if (c != '.' && c != ',') digits += c;
      return "column \"" + header_[i] + "\": \"" + text::excerpt(cell) + "\" is ambiguous in a whole-number field (" +
             text::excerpt(digits) + ", or a number with decimals?); write it without a thousands separator";
    }
    return {};
  }

  std::string to_json(const std::vector<std::string>& cells) const {
    std::string json = "{";
    bool first = true;
    auto key = [&](const std::string& k) {
      json += first ? "" : ",";
      first = false;
      json_string(json, k);
      json += ':';
    };
    // Per-area levels gather their columns into one object, written where the first one was.
    std::vector<bool> done(columns_.size(), false);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (done[i]) continue;
      const ir::Field& f = p_.fields[columns_[i].field];
      const std::string cell = trim(cells[i]);
      if (!columns_[i].area.empty()) {
        std::string members;
        for (std::size_t j = i; j < columns_.size(); ++j) {
          if (columns_[j].field != columns_[i].field || columns_[j].area.empty()) continue;
          done[j] = true;
          const std::string v = trim(cells[j]);
          if (v.empty()) continue;
          members += members.empty() ? "" : ",";
          json_string(members, columns_[j].area);
          members += ':';
          scalar(members, v);
        }
        if (!members.empty()) key(f.name), json += "{" + members + "}";
        continue;
      }
      if (cell.empty()) continue;  // the field's default applies
      key(f.name);
      switch (f.type.kind) {
        case TK::Int:
        case TK::Decimal:
        case TK::Money:
        case TK::Level:
        case TK::PerAreaLevel: scalar(json, cell); break;
        case TK::Bool: {
          const std::string v = lower(cell);
          if (v == "true" || v == "1" || v == "sí" || v == "si" || v == "yes")
            json += "true";
          else if (v == "false" || v == "0" || v == "no")
            json += "false";
          else
            json_string(json, cell);  // the loader says what a bool field expects
          break;
        }
        case TK::Enum: json_string(json, lower(cell)); break;
        case TK::Set: {
          json += '[';
          std::size_t start = 0, n = 0;
          while (start <= cell.size()) {
            auto end = cell.find(';', start);
            if (end == std::string::npos) end = cell.size();
            const std::string item = trim(cell.substr(start, end - start));
            if (!item.empty()) {
              json += n++ ? "," : "";
              json_string(json, item);
            }
            start = end + 1;
          }
          json += ']';
          break;
        }
        default: json_string(json, cell);
      }
    }
    return json + "}";
  }

  // A number as written when it is one, else a string, so the loader names what was expected.
  static void scalar(std::string& json, const std::string& cell) {
    if (plain_number(cell))
      json += cell;
    else
      json_string(json, cell);
  }

  CsvParser parser_;
  const ir::Program& p_;
  const Rulebase& rb_;
  std::vector<Column> columns_;
  std::vector<std::string> header_;  // each column's name, for messages
};

}  // namespace

std::unique_ptr<RecordReader> csv_reader(std::istream& in, const Rulebase& rulebase, std::string& header_error,
                                         std::size_t max_record) {
  auto reader = std::make_unique<CsvReader>(in, rulebase, max_record);
  header_error = reader->read_header();
  if (!header_error.empty()) return nullptr;
  return reader;
}

}  // namespace puzle
