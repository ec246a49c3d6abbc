// core layer: the JSON writer (see json_writer.hpp).
#include "text/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace puzle::json {
namespace {

// The length of the well-formed UTF-8 sequence at `s[i]` (a byte >= 0x80), or 0 when it is
// ill-formed; `bad` is then the length of its maximal ill-formed part (at least 1).
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t& bad) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = at(i);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    bad = 1;
    return 0;
  }
  for (std::size_t k = 1; k < n; ++k) {
    const bool ok = i + k < s.size() && (k == 1 ? at(i + k) >= lo && at(i + k) <= hi : (at(i + k) & 0xC0) == 0x80);
    if (!ok) {
      bad = k;
      return 0;
    }
  }
  return n;
}

// Whether none of the 8 bytes at `p` needs escaping or checking: none is a control character,
// `"`, `\` or above 0x7F (the SWAR test for a byte below n: (x - n) & ~x & 0x80).
bool plain_word(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const auto zero_byte = [&](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const std::uint64_t control = (x - kOnes * 0x20) & ~x & kHigh;
  return !((x & kHigh) | control | zero_byte(x ^ (kOnes * '"')) | zero_byte(x ^ (kOnes * '\\')));
}

}  // namespace

void append_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // Ids, paths and most text need no escaping: copy runs of plain ASCII whole, found eight
    // bytes at a time.
    std::size_t plain = i;
    while (plain + 8 <= s.size() && plain_word(s.data() + plain)) plain += 8;
    while (plain < s.size()) {
      const auto c = static_cast<unsigned char>(s[plain]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++plain;
    }
    out.append(s.data() + i, plain - i);
    i = plain;
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t bad = 0;
      if (const std::size_t n = utf8_sequence(s, i, bad)) {
        out.append(s.data() + i, n);
        i += n;
      } else {
        out += "\xEF\xBF\xBD";
        i += bad;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    ++i;
  }
  out += '"';
}

std::string quoted(std::string_view s) {
  std::string out;
  append_string(out, s);
  return out;
}

void Writer::newline(std::size_t depth) {
  out_ += '\n';
  out_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  Level& l = open_.back();
  if (l.object) throw std::logic_error("json::Writer: a value in an object needs its key first");
  if (l.items++) out_ += ',';
  if (indent_ >= 0) newline(open_.size());
}

Writer& Writer::begin_object() {
  before_value();
  out_ += '{';
  open_.push_back({true, 0});
  return *this;
}

Writer& Writer::begin_array() {
  before_value();
  out_ += '[';
  open_.push_back({false, 0});
  return *this;
}

Writer& Writer::end() {
  if (open_.empty() || after_key_) throw std::logic_error("json::Writer: end() with nothing to close");
  const Level l = open_.back();
  open_.pop_back();
  if (indent_ >= 0 && l.items) newline(open_.size());
  out_ += l.object ? '}' : ']';
  return *this;
}

Writer& Writer::key(std::string_view k) {
  if (open_.empty() || !open_.back().object || after_key_)
    throw std::logic_error("json::Writer: a key outside an object");
  Level& l = open_.back();
  if (l.items++) out_ += ',';
  if (indent_ >= 0) newline(open_.size());
  // Keys are mostly names of the JSON form, plain ASCII: copied as they are.
  const bool plain = std::all_of(k.begin(), k.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
  });
  if (plain) {
    out_ += '"';
    out_ += k;
    out_ += '"';
  } else {
    append_string(out_, k);
  }
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
  return *this;
}

Writer& Writer::string(std::string_view s) {
  before_value();
  append_string(out_, s);
  return *this;
}

Writer& Writer::number(std::uint64_t n) {
  before_value();
  char buf[24];
  out_.append(buf, std::to_chars(buf, buf + sizeof buf, n).ptr);
  return *this;
}

Writer& Writer::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

Writer& Writer::null() {
  before_value();
  out_ += "null";
  return *this;
}

Writer& Writer::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

Writer& Writer::strings(const std::vector<std::string>& items) {
  begin_array();
  for (const auto& s : items) string(s);
  return end();
}

}  // namespace puzle::json
