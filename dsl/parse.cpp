// dsl layer: runs the PEGTL grammar over one file, one declaration at a time. A syntax error
// becomes a Diagnostic and parsing resumes at the next line that starts (in column 1) with a
// declaration keyword. PEGTL exceptions never leave this file.
#include <string_view>

#include <tao/pegtl.hpp>

#include "grammar/actions.hpp"
#include "grammar/ast_builder.hpp"
#include "grammar/errors.hpp"
#include "grammar/grammar.hpp"
#include "puzle/frontend.hpp"
#include "utf8.hpp"

namespace puzle {
namespace {

namespace pg = tao::pegtl;
namespace g = dsl::grammar;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

constexpr std::string_view kTopKeywords[] = {"profile", "area", "domain", "block", "element", "provider",
                                             "solution", "segment", "rule", "roadmap", "test"};

bool starts_declaration(std::string_view text, std::size_t at) {
  for (auto kw : kTopKeywords) {
    if (text.compare(at, kw.size(), kw) == 0 &&
        (at + kw.size() == text.size() || !is_word_char(text[at + kw.size()])))
      return true;
  }
  return false;
}

// The first line start after `after` that begins with a declaration keyword, or the end.
std::size_t next_sync_point(std::string_view text, std::size_t after) {
  std::size_t pos = text.find('\n', after);
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

std::uint32_t token_length(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && is_word_char(text[end])) ++end;
  if (end == at && at < text.size()) end = at + 1;
  return static_cast<std::uint32_t>(end - at);
}

}  // namespace

ast::Module parse_module(const SourceSet& sources, FileId file, Diagnostics& diags) {
  ast::Module mod;
  mod.file = file;
  const std::string& text = sources.file(file).text();
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
  dsl::AstBuilder builder(mod);
  const SourceFile& src = sources.file(file);
  // A fresh input per declaration, positioned absolutely, so that recovery can jump anywhere.
  auto input_at = [&](std::size_t pos) {
    const auto lc = src.line_col(static_cast<std::uint32_t>(pos));
    return pg::memory_input<>(pg::internal::iterator(text.data() + pos, pos, lc.line, 1),
                              text.data() + text.size(), src.path());
  };
  auto report = [&](const pg::parse_error& e, Code code, std::size_t fallback) {
    const std::size_t at = e.positions().empty() ? fallback : e.positions().front().byte;
    std::string msg(e.message());
    if (code == Code::E100) msg += ", found " + found_at(text, at);
    diags.add(code, Span{file, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at) + token_length(text, at)},
              std::move(msg));
  };
  std::size_t pos = 0;
  {
    auto in = input_at(0);
    try {
      pg::parse<g::leading, dsl::actions::action, g::control>(in, builder);
      pos = static_cast<std::size_t>(in.current() - text.data());
    } catch (const g::syntax_error& e) {  // an unterminated comment before any declaration
      report(e, e.code, 0);
      return mod;
    }
  }
  while (pos < text.size()) {
    builder.reset();
    auto in = input_at(pos);
    try {
      pg::parse<g::one_decl, dsl::actions::action, g::control>(in, builder);
      pos = static_cast<std::size_t>(in.current() - text.data());
      continue;
    } catch (const g::syntax_error& e) {
      report(e, e.code, pos);
    } catch (const pg::parse_error& e) {  // defensive: PEGTL's own errors
      report(e, Code::E100, pos);
    }
    pos = next_sync_point(text, pos);  // always past the failed declaration's start
  }
  builder.reset();
  return mod;
}

}  // namespace puzle
