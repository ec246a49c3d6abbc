// dsl layer: runs the PEGTL grammar over one file, one declaration at a time. A syntax error
// becomes a Diagnostic and parsing resumes at the first line, at or after the error, that starts
// (in column 1) with a declaration keyword. PEGTL exceptions never leave this file.
#include <algorithm>
#include <string_view>

#include <tao/pegtl.hpp>

#include "grammar/actions.hpp"
#include "grammar/ast_builder.hpp"
#include "grammar/errors.hpp"
#include "grammar/grammar.hpp"
#include "puzle/frontend.hpp"
#include "text/utf8.hpp"

namespace puzle {
namespace {

namespace pg = tao::pegtl;
namespace g = dsl::grammar;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

constexpr std::string_view kTopKeywords[] = {"profile",  "area",    "domain", "block",   "element", "provider",
                                             "solution", "segment", "rule",   "warning", "roadmap", "test"};

bool starts_declaration(std::string_view text, std::size_t at) {
  for (auto kw : kTopKeywords) {
    if (text.compare(at, kw.size(), kw) == 0 && (at + kw.size() == text.size() || !is_word_char(text[at + kw.size()])))
      return true;
  }
  return false;
}

// Where to resume after a declaration that started at `start` failed at `error`: the first line
// start in (start, ...] that begins with a declaration keyword and is not before the error's
// line, or the end. Never resuming before the error keeps recovery linear (a declaration that
// contains column-1 keywords, e.g. inside a long block comment, is not re-parsed once per line)
// and never reports the same error twice.
std::size_t next_sync_point(std::string_view text, std::size_t start, std::size_t error) {
  if (error > start && error < text.size() && text[error - 1] == '\n' && starts_declaration(text, error)) return error;
  std::size_t pos = text.find('\n', std::max(start, error));
  while (pos != std::string_view::npos) {
    ++pos;
    if (starts_declaration(text, pos)) return pos;
    pos = text.find('\n', pos);
  }
  return text.size();
}

// What the parser found at the error position, for the message: a word, a character or the end.
std::string found_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return "end of file";
  std::size_t end = at;
  while (end < text.size() && is_word_char(text[end])) ++end;
  if (end == at) end = at + utf8::sequence_length(static_cast<unsigned char>(text[at]));
  if (text[at] == '\n' || text[at] == '\r') return "end of line";
  if (text[at] == '"') return "'\"'";
  return "'" + std::string(text.substr(at, std::min(end, text.size()) - at)) + "'";
}

// Bytes of the character at `at`; none at the end of a line or of the file.
std::size_t char_length(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] == '\n' || text[at] == '\r') return 0;
  return std::min(text.size() - at, utf8::sequence_length(static_cast<unsigned char>(text[at])));
}

// The span of an error at `at`: the word or the character found there (for a bad escape, the
// backslash and its letter). Empty at the end of a line or file, so it never runs onto the next line.
Span error_span(std::string_view text, FileId file, std::size_t at, Code code) {
  std::size_t begin = at;
  std::size_t end = at;
  while (end < text.size() && is_word_char(text[end])) ++end;
  if (end == at) end = at + char_length(text, at);
  if (code == Code::E105 && at > 0 && text[at - 1] == '\\') {
    begin = at - 1;
    end = at + char_length(text, at);
  }
  return Span{file, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
}

}  // namespace

ast::Module parse_module(const SourceSet& sources, FileId file, Diagnostics& diags) {
  ast::Module mod;
  mod.file = file;
  const std::string& text = sources.file(file).text();
  mod.exprs.reserve(text.size() / 12);   // about one expression node per dozen bytes of rules
  mod.decls.reserve(text.size() / 256);  // and a declaration per few lines
  if (text.size() > kMaxFileBytes) {
    diags.add(Code::E102, Span{file, 0, 0},
              "file is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(kMaxFileBytes),
              "split the rulebase into several files");
    return mod;
  }
  if (auto bad = utf8::first_invalid(text)) {
    diags.add(Code::E101, Span{file, static_cast<std::uint32_t>(*bad), static_cast<std::uint32_t>(*bad + 1)},
              "invalid UTF-8 byte sequence; nothing in this file was read", "save the file as UTF-8");
    return mod;
  }
  dsl::AstBuilder builder(mod, text);
  const SourceFile& src = sources.file(file);
  // A fresh input per declaration, positioned absolutely, so that recovery can jump anywhere.
  // Lazy tracking: no line counting while parsing (actions locate tokens by offset, see
  // AstBuilder::offset); an error's position is computed only when one is thrown.
  auto input_at = [&](std::size_t pos) {
    const auto lc = src.line_col(static_cast<std::uint32_t>(pos));
    return pg::memory_input<pg::tracking_mode::lazy>(pg::internal::iterator(text.data() + pos, pos, lc.line, 1),
                                                     text.data() + text.size(), src.path());
  };
  // Reports the error and returns its offset.
  auto report = [&](const pg::parse_error& e, Code code, std::size_t fallback) {
    const std::size_t at = e.positions().empty() ? fallback : e.positions().front().byte;
    std::string msg(e.message());
    if (code == Code::E100) msg += ", found " + found_at(text, at);
    // `població`: the name stopped at the accent, which is what the parser then trips on.
    const bool accent_in_name = code == Code::E100 && at > 0 && at < text.size() && is_word_char(text[at - 1]) &&
                                static_cast<unsigned char>(text[at]) >= 0x80;
    diags.add(code, error_span(text, file, at, code), std::move(msg),
              accent_in_name ? "names use only ASCII letters, digits and '_' (e.g. 'poblacio', not 'població')" : "");
    return at;
  };
  // A UTF-8 byte order mark (some Windows editors write one) is not part of the rules.
  std::size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  {
    auto in = input_at(pos);
    try {
      pg::parse<g::leading, dsl::actions::action, g::control>(in, builder);
      pos = static_cast<std::size_t>(in.current() - text.data());
    } catch (const g::syntax_error& e) {  // an unterminated comment before any declaration
      report(e, e.code, 0);
      return mod;
    }
  }
  while (pos < text.size()) {
    // A declaration that parsed leaves the builder clean (its actions move out what they
    // built); only a failed one leaves scratch state behind, so only then is it reset.
    auto in = input_at(pos);
    std::size_t error = pos;
    try {
      pg::parse<g::one_decl, dsl::actions::action, g::control>(in, builder);
      pos = static_cast<std::size_t>(in.current() - text.data());
      continue;
    } catch (const g::syntax_error& e) {
      error = report(e, e.code, pos);
    } catch (const pg::parse_error& e) {  // defensive: PEGTL's own errors
      error = report(e, Code::E100, pos);
    } catch (const dsl::ExpressionTooDeep& e) {
      diags.add(Code::E103, Span{file, e.span.begin, std::min(e.span.end, e.span.begin + 1)},
                "this expression nests deeper than " + std::to_string(dsl::kMaxExprDepth) +
                    " operations; split it with segments");
      error = e.span.begin;
    }
    builder.reset();
    pos = next_sync_point(text, pos, error);  // always past the failed declaration's start
  }
  builder.reset();
  return mod;
}

}  // namespace puzle
