// engine layer (batch): CSV input with a header line, converted row by row to profile JSON so
// that the profile loader validates it exactly as it validates a JSON profile. Quoting follows
// RFC 4180: a quoted cell may hold commas, doubled quotes and line breaks.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "batch/batch_internal.hpp"
#include "puzle/batch.hpp"

namespace puzle {
namespace {

using TK = ir::TypeKind;

// One physical record of the file: its cells, the line it starts on, and a quoting problem.
struct Row {
  std::vector<std::string> cells;
  std::uint64_t line = 0;
  std::string problem;
};

class CsvParser {
 public:
  explicit CsvParser(std::istream& in) : in_(in) {}

  // False at the end of the input. Blank lines are skipped.
  bool next(Row& row) {
    if (first_) {
      first_ = false;
      skip_bom();
    }
    for (;;) {
      if (peek() == EOF) return false;
      row = Row{{}, line_ + 1, {}};
      read_row(row);
      if (row.cells.size() == 1 && row.cells[0].empty() && row.problem.empty()) continue;  // blank line
      return true;
    }
  }

 private:
  // A UTF-8 byte order mark is dropped; bytes that only begin like one are data, read again.
  void skip_bom() {
    static constexpr char kBom[] = "\xEF\xBB\xBF";
    while (pending_.size() < 3 && in_.peek() != EOF && in_.peek() == static_cast<unsigned char>(kBom[pending_.size()]))
      pending_ += static_cast<char>(in_.get());
    if (pending_.size() == 3) pending_.clear();
  }

  // The stream, after the bytes kept back by skip_bom.
  int get() {
    if (at_ < pending_.size()) return static_cast<unsigned char>(pending_[at_++]);
    return in_.get();
  }
  int peek() {
    if (at_ < pending_.size()) return static_cast<unsigned char>(pending_[at_]);
    return in_.peek();
  }

  void read_row(Row& row) {
    ++line_;
    std::string cell;
    bool quoted = false, was_quoted = false;
    for (;;) {
      int c = get();
      if (c == EOF) {
        if (quoted) row.problem = "a quoted cell is not closed before the end of the file";
        break;
      }
      if (quoted) {
        if (c == '"') {
          if (peek() == '"') {
            get();
            cell += '"';
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          cell += static_cast<char>(c);
        }
        continue;
      }
      if (c == ',') {
        row.cells.push_back(std::move(cell));
        cell.clear();
        was_quoted = false;
      } else if (c == '\n') {
        break;
      } else if (c == '\r') {
        if (peek() == '\n') get();
        break;
      } else if (c == '"') {
        if (!cell.empty() || was_quoted) {
          if (row.problem.empty()) row.problem = "a quote inside an unquoted cell: quote the whole cell and double the quote (\"\")";
          cell += '"';
        } else {
          quoted = was_quoted = true;
        }
      } else {
        if (was_quoted && row.problem.empty()) row.problem = "text after the closing quote of a cell";
        cell += static_cast<char>(c);
      }
    }
    row.cells.push_back(std::move(cell));
  }

  std::istream& in_;
  std::string pending_;
  std::size_t at_ = 0;
  std::uint64_t line_ = 0;
  bool first_ = true;
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

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
  CsvReader(std::istream& in, const Rulebase& rb) : parser_(in), p_(rb.program()), rb_(rb) {}

  std::string read_header() {
    Row header;
    if (!parser_.next(header)) return "the CSV input is empty: it needs a header line naming the profile fields";
    if (!header.problem.empty()) return "line " + std::to_string(header.line) + ": " + header.problem;
    std::string problems;
    auto problem = [&](const std::string& s) { problems += (problems.empty() ? "" : "; ") + s; };
    for (const auto& raw : header.cells) {
      const std::string name = trim(raw);
      Column col;
      const auto dot = name.find('.');
      const std::string field = dot == std::string::npos ? name : name.substr(0, dot);
      for (ir::FieldId f = 0; f < p_.fields.size(); ++f)
        if (p_.fields[f].name == field) col.field = f;
      if (col.field == ir::kNone) {
        problem("column \"" + name + "\" is not a field of the profile");
      } else if (dot != std::string::npos) {
        col.area = name.substr(dot + 1);
        if (p_.fields[col.field].type.kind != TK::PerAreaLevel)
          problem("column \"" + name + "\": only a level[area] field takes one column per area");
        else if (rb_.find_area(col.area) == ir::kNone)
          problem("column \"" + name + "\": \"" + col.area + "\" is not an area");
      }
      for (const auto& seen : columns_)
        if (seen.field == col.field && seen.area == col.area && col.field != ir::kNone)
          problem("column \"" + name + "\" is given twice");
      columns_.push_back(col);
    }
    return problems.empty() ? "" : "bad CSV header: " + problems;
  }

  bool next(BatchRecord& out) override {
    Row row;
    if (!parser_.next(row)) return false;
    out = BatchRecord{row.line, {}, row.problem, true};
    if (out.problem.empty() && row.cells.size() != columns_.size())
      out.problem = "the row has " + std::to_string(row.cells.size()) + " cells, the header " + std::to_string(columns_.size());
    if (out.problem.empty()) out.json = to_json(row.cells);
    return true;
  }

 private:
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
        case TK::Int: case TK::Decimal: case TK::Money: case TK::Level: case TK::PerAreaLevel: scalar(json, cell); break;
        case TK::Bool: {
          const std::string v = lower(cell);
          if (v == "true" || v == "1" || v == "sí" || v == "si" || v == "yes") json += "true";
          else if (v == "false" || v == "0" || v == "no") json += "false";
          else json_string(json, cell);  // the loader says what a bool field expects
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
    if (plain_number(cell)) json += cell;
    else json_string(json, cell);
  }

  CsvParser parser_;
  const ir::Program& p_;
  const Rulebase& rb_;
  std::vector<Column> columns_;
};

}  // namespace

std::unique_ptr<RecordReader> csv_reader(std::istream& in, const Rulebase& rulebase, std::string& header_error) {
  auto reader = std::make_unique<CsvReader>(in, rulebase);
  header_error = reader->read_header();
  if (!header_error.empty()) return nullptr;
  return reader;
}

}  // namespace puzle
