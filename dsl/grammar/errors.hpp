// dsl layer: the error message (and diagnostic code) of every grammar rule that can raise.
// The control below static_asserts that each rule under a must<> has a message, so a new
// commit point without a message does not compile. Rules that never fail map to kNever.
#pragma once

#include <string>

#include <tao/pegtl.hpp>

#include "grammar/grammar.hpp"
#include "puzle/diagnostic.hpp"

namespace puzle::dsl::grammar {

inline constexpr const char* kNever = "internal: this rule cannot fail";

// clang-format off
template< typename Rule > inline constexpr const char* message = nullptr;
template< typename T > inline constexpr const char* message< p< T > > = message< T >;
template< typename... R > inline constexpr const char* message< pg::star< R... > > = kNever;
template< typename... R > inline constexpr const char* message< pg::opt< R... > > = kNever;
template<> inline constexpr const char* message< sep > = kNever;

template<> inline constexpr const char* message< block_comment_end > = "unterminated comment: '/*' is never closed by '*/'";
template<> inline constexpr const char* message< escape_code > = "unknown escape sequence: use \\\", \\\\, \\n, \\t, \\{ or \\}";
template<> inline constexpr const char* message< string_end > = "unterminated string: close it with '\"' on the same line";
template<> inline constexpr const char* message< expr > = "expected an expression";
template<> inline constexpr const char* message< tpl_no_brace > = "'{{' is not a literal brace in a because text: write \\{ for '{'";
template<> inline constexpr const char* message< paren_inner > = "expected an expression after '('";
template<> inline constexpr const char* message< index_expr > = "expected an index expression after '['";
template<> inline constexpr const char* message< paren_close > = "expected ')' to close the parenthesis";
template<> inline constexpr const char* message< list_close > = "expected ',' or ']' in the list";
template<> inline constexpr const char* message< object_close > = "expected 'name: value' or '}' in the object";
template<> inline constexpr const char* message< entry_colon > = "expected ':' after the field name";
template<> inline constexpr const char* message< entry_value > = "expected a value after ':'";
template<> inline constexpr const char* message< call_close > = "expected ',' or ')' in the argument list";
template<> inline constexpr const char* message< index_close > = "expected ']' to close the index";
template<> inline constexpr const char* message< neg_operand > = "expected an operand after '-'";
template<> inline constexpr const char* message< prod_operand > = "expected an operand after '*' or '/'";
template<> inline constexpr const char* message< sum_operand > = "expected an operand after '+' or '-'";
template<> inline constexpr const char* message< cmp_operand > = "expected an operand after the comparison";
template<> inline constexpr const char* message< no_chained_cmp > = "comparisons cannot be chained: join them with 'and', as in 'a < b and b < c'";
template<> inline constexpr const char* message< no_single_eq > = "'=' does not compare: write '==' to compare two values";
template<> inline constexpr const char* message< not_operand > = "expected a condition after 'not'";
template<> inline constexpr const char* message< and_operand > = "expected a condition after 'and'";
template<> inline constexpr const char* message< or_operand > = "expected a condition after 'or'";
template<> inline constexpr const char* message< tpl_hole_expr > = "expected an expression inside '{...}' (write \\{ for a literal brace)";
template<> inline constexpr const char* message< tpl_hole_close > = "expected '}' to close the '{expression}' in the text";
template<> inline constexpr const char* message< label_lang > = "expected a language code after 'label' (ca, es, en)";
template<> inline constexpr const char* message< label_text > = "expected the label text in quotes";
template<> inline constexpr const char* message< desc_text > = "expected the description text in quotes";
template<> inline constexpr const char* message< url_text > = "expected the address in quotes after 'url'";
template<> inline constexpr const char* message< ack_code > = "expected the code of the warning after 'acknowledge', e.g. acknowledge W500 \"why it is intended\"";
template<> inline constexpr const char* message< ack_reason > = "expected the reason in quotes after the code: why the warning is intended";
template<> inline constexpr const char* message< enum_open > = "expected '{' and the values after 'enum'";
template<> inline constexpr const char* message< enum_values > = "expected at least one enum value";
template<> inline constexpr const char* message< enum_close > = "expected ',' or '}' in the enum values";
template<> inline constexpr const char* message< level_index_name > = "expected the name of the index after '[' (e.g. level[area])";
template<> inline constexpr const char* message< level_index_close > = "expected ']' after the level index";
template<> inline constexpr const char* message< level_range > = "expected the range of the level, e.g. 0..5";
template<> inline constexpr const char* message< set_open > = "expected '<' after 'set', as in set<element>";
template<> inline constexpr const char* message< set_item_type > = "expected the item type, as in set<element>";
template<> inline constexpr const char* message< set_close > = "expected '>' to close set<...>";
template<> inline constexpr const char* message< field_type > = "expected a type: int, decimal, money, bool, text, enum { ... }, level LO..HI, level[area] LO..HI or set<element>";
template<> inline constexpr const char* message< field_default_value > = "expected a default value after '='";
template<> inline constexpr const char* message< field_colon > = "expected ':' and a type after the field name";
template<> inline constexpr const char* message< keyed_field > = "expected the field 'name: type' that 'key' marks";
template<> inline constexpr const char* message< profile_open > = "expected '{' after 'profile'";
template<> inline constexpr const char* message< profile_close > = "expected a field 'name: type' or '}' in the profile";
template<> inline constexpr const char* message< node_parent > = "expected the path of the parent after 'in'";
template<> inline constexpr const char* message< effort_value > = "expected a non-negative number after 'effort'";
template<> inline constexpr const char* message< cost_value > = "expected a non-negative amount after 'cost'";
template<> inline constexpr const char* message< maturity_level > = "expected the maturity level it needs after 'maturity', e.g. maturity 3 or maturity ajuntament 3";
template<> inline constexpr const char* message< requires_list > = "expected one or more element names after 'requires'";
template<> inline constexpr const char* message< requires_item > = "expected an element name after ','";
template<> inline constexpr const char* message< solution_list > = "expected one or more solution names after 'solution'";
template<> inline constexpr const char* message< solution_item > = "expected a solution name after ','";
template<> inline constexpr const char* message< node_name > = "expected a name after the declaration keyword";
template<> inline constexpr const char* message< node_rest > = kNever;
template<> inline constexpr const char* message< node_close > = "expected '}' or a member: label, description, effort, cost, maturity, city_scale, requires, solution, or a nested declaration";
template<> inline constexpr const char* message< provider_name > = "expected the provider's name after 'provider'";
template<> inline constexpr const char* message< provider_label > = "expected the provider's label in quotes";
template<> inline constexpr const char* message< provider_close > = "expected '}' or a member: label, description, url, serves when, acknowledge";
template<> inline constexpr const char* message< covers_list > = "expected one or more element names after 'covers'";
template<> inline constexpr const char* message< covers_item > = "expected an element name after ','";
template<> inline constexpr const char* message< eligible_when > = "expected 'when' after 'eligible'";
template<> inline constexpr const char* message< eligible_cond > = "expected the eligibility condition after 'eligible when'";
template<> inline constexpr const char* message< solution_cost_value > = "expected what the solution costs, in euros, after 'cost' (0 when free)";
template<> inline constexpr const char* message< serves_when > = "expected 'when' after 'serves'";
template<> inline constexpr const char* message< serves_cond > = "expected the condition after 'serves when': the municipalities whose own provider it is";
template<> inline constexpr const char* message< solution_name > = "expected the solution's name, as provider.solution";
template<> inline constexpr const char* message< solution_label > = "expected the solution's label in quotes";
template<> inline constexpr const char* message< solution_close > = "expected '}' or a member: label, description, url, covers, eligible when, cost, acknowledge";
template<> inline constexpr const char* message< segment_name > = "expected the segment's name after 'segment'";
template<> inline constexpr const char* message< segment_eq > = "expected '=' and the segment's condition";
template<> inline constexpr const char* message< segment_cond > = "expected the segment's condition after '='";
template<> inline constexpr const char* message< rule_name > = "expected the rule's name after 'rule'";
template<> inline constexpr const char* message< warning_name > = "expected the warning's code after 'warning'";
template<> inline constexpr const char* message< source_text > = "expected the legal basis or source in quotes after 'source'";
template<> inline constexpr const char* message< valid_bounds > = "expected 'from YYYY-MM-DD' or 'until YYYY-MM-DD' after 'valid'";
template<> inline constexpr const char* message< valid_from_date > = "expected a date YYYY-MM-DD after 'from'";
template<> inline constexpr const char* message< valid_until_date > = "expected a date YYYY-MM-DD after 'until'";
template<> inline constexpr const char* message< for_var > = "expected a variable name after 'for'";
template<> inline constexpr const char* message< for_in > = "expected 'in' after the variable of 'for'";
template<> inline constexpr const char* message< for_set > = "expected the set to iterate after 'in'";
template<> inline constexpr const char* message< where_cond > = "expected a condition after 'where'";
template<> inline constexpr const char* message< when_cond > = "expected a condition after 'when'";
template<> inline constexpr const char* message< effect_targets > = "expected one or more element names after the effect";
template<> inline constexpr const char* message< effect_target > = "expected an element name after ','";
template<> inline constexpr const char* message< weight_value > = "expected a number after 'weight'";
template<> inline constexpr const char* message< due_date > = "expected the date it is due after 'due', as YYYY-MM-DD";
template<> inline constexpr const char* message< because_text > = "expected the explanation in quotes after 'because'";
template<> inline constexpr const char* message< phase_name > = "expected the phase's name after 'phase'";
template<> inline constexpr const char* message< size_range > = "expected a range after 'size', e.g. 3..4, ..8 or ..(it_staff + 2)";
template<> inline constexpr const char* message< effort_range > = "expected a range after 'effort', e.g. ..20 or ..(it_staff * 3)";
template<> inline constexpr const char* message< budget_range > = "expected a range after 'budget', e.g. ..50000 or ..(budget_eur / 2)";
template<> inline constexpr const char* message< roadmap_open > = "expected '{' after 'roadmap'";
template<> inline constexpr const char* message< roadmap_close > = "expected 'phase', 'priority' or '}' in the roadmap";
template<> inline constexpr const char* message< priority_open > = "expected '{' after 'priority'";
template<> inline constexpr const char* message< priority_close > = "expected a ranking term (e.g. required 40) or '}' in 'priority'";
template<> inline constexpr const char* message< priority_weight > = "expected the term's weight, a number, e.g. required 40";
template<> inline constexpr const char* message< priority_effort_dots > = "expected '..' and the largest effort of a quick win, e.g. effort ..0.5";
template<> inline constexpr const char* message< priority_effort_max > = "expected the largest effort of a quick win after 'effort ..', e.g. effort ..0.5";
template<> inline constexpr const char* message< test_name > = "expected the test's name in quotes after 'test'";
template<> inline constexpr const char* message< test_open > = "expected '{' after the test's name";
template<> inline constexpr const char* message< test_close > = "expected 'expect' or '}' in the test";
template<> inline constexpr const char* message< given_value > = "expected '{ field: value, ... }' after 'given'";
template<> inline constexpr const char* message< expectation > = "expected what to expect: suggested, required, excluded, blocked, 'phase NAME contains', or 'score'";
template<> inline constexpr const char* message< expect_element > = "expected an element name";
template<> inline constexpr const char* message< expect_phase > = "expected a phase name after 'phase'";
template<> inline constexpr const char* message< expect_contains > = "expected 'contains' after the phase name";
template<> inline constexpr const char* message< score_cmp > = "expected a comparison (<, <=, ==, !=, >=, >) after the element";
template<> inline constexpr const char* message< score_value > = "expected a number to compare the score with";
template<> inline constexpr const char* message< top_decl > = "expected a declaration: profile, area, domain, block, element, provider, solution, segment, rule, roadmap or test";

template< typename Rule > inline constexpr Code code = Code::E100;
template<> inline constexpr Code code< string_end > = Code::E104;
template<> inline constexpr Code code< escape_code > = Code::E105;
template<> inline constexpr Code code< block_comment_end > = Code::E100;
// clang-format on

// A syntax error with its diagnostic code; thrown only inside parse.cpp and caught there.
class syntax_error : public pg::parse_error {
 public:
  template <typename ParseInput>
  syntax_error(const char* msg, const ParseInput& in, Code c) : pg::parse_error(msg, in), code(c) {}
  Code code;
};

// Every recursive path of the grammar goes through one of the rules below, each entered only
// after its opening token ('(', '[', '{', 'name:', '-', 'not', the node keyword), so the depth
// is the nesting the author sees: 64 nested parentheses or areas parse, the 65th stops with
// E103 instead of exhausting the stack.
inline constexpr std::size_t kMaxNesting = 64;
template <typename Rule>
inline constexpr bool counts_nesting = false;
template <>
inline constexpr bool counts_nesting<paren_inner> = true;
template <>
inline constexpr bool counts_nesting<list_items> = true;
template <>
inline constexpr bool counts_nesting<entry_value> = true;
template <>
inline constexpr bool counts_nesting<call_arg_list> = true;
template <>
inline constexpr bool counts_nesting<index_expr> = true;
template <>
inline constexpr bool counts_nesting<neg_operand> = true;
template <>
inline constexpr bool counts_nesting<not_operand> = true;
template <>
inline constexpr bool counts_nesting<node_rest> = true;

template <typename Rule>
struct control : pg::normal<Rule> {
  template <typename ParseInput, typename State>
  static void start(const ParseInput& in, State& st) {
    if constexpr (counts_nesting<Rule>) {
      if (++st.depth > kMaxNesting)
        throw syntax_error("nesting is deeper than 64 levels; split the expression or declaration", in, Code::E103);
    }
  }
  template <typename ParseInput, typename State>
  static void success(const ParseInput&, State& st) {
    if constexpr (counts_nesting<Rule>) --st.depth;
  }
  template <typename ParseInput, typename State>
  static void failure(const ParseInput&, State& st) {
    if constexpr (counts_nesting<Rule>) --st.depth;
  }
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&...) {
    static_assert(message<Rule> != nullptr, "every rule under must<> needs an error message");
    throw syntax_error(message<Rule>, in, code<Rule>);
  }
};

}  // namespace puzle::dsl::grammar
