// dsl layer: the PEGTL grammar of the puzle language, rules only. Actions live in actions.hpp,
// error messages in errors.hpp. Every token is wrapped as p<T> (T then separators) so that an
// action attached to T sees the exact token, and every rule under a must<> has a name and a message.
#pragma once

#include <cstddef>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "grammar/reserved.hpp"

namespace puzle::dsl::grammar {

namespace pg = tao::pegtl;
using pg::digit;
using pg::eof;
using pg::eolf;
using pg::if_must;
using pg::list_tail;
using pg::not_at;
using pg::not_one;
using pg::one;
using pg::opt;
using pg::plus;
using pg::ranges;
using pg::rep;
using pg::seq;
using pg::sor;
using pg::star;
using pg::until;

// clang-format off

// ---- separators and comments ------------------------------------------------------------
struct line_comment : seq< pg::two< '/' >, until< eolf > > {};
struct block_comment_end : until< pg::string< '*', '/' > > {};
struct block_comment : if_must< pg::string< '/', '*' >, block_comment_end > {};
struct comment : sor< line_comment, block_comment > {};
// Comments are tried only at a '/': most separators are plain spaces.
struct sep : star< sor< plus< pg::space >, seq< pg::at< one< '/' > >, comment > > > {};

template< typename T > struct p : seq< T, sep > {};

// ---- keywords ---------------------------------------------------------------------------
#define PUZLE_KEYWORD( name ) struct kw_##name : TAO_PEGTL_KEYWORD( #name ) {}
// Reserved: they can never be used as names (the words of reserved.hpp, which `ident` checks).
PUZLE_KEYWORD( profile ); PUZLE_KEYWORD( area ); PUZLE_KEYWORD( domain ); PUZLE_KEYWORD( block );
PUZLE_KEYWORD( element ); PUZLE_KEYWORD( provider ); PUZLE_KEYWORD( solution ); PUZLE_KEYWORD( segment );
PUZLE_KEYWORD( rule ); PUZLE_KEYWORD( roadmap ); PUZLE_KEYWORD( phase ); PUZLE_KEYWORD( test );
PUZLE_KEYWORD( given ); PUZLE_KEYWORD( expect ); PUZLE_KEYWORD( in ); PUZLE_KEYWORD( for );
PUZLE_KEYWORD( where ); PUZLE_KEYWORD( when ); PUZLE_KEYWORD( and ); PUZLE_KEYWORD( or );
PUZLE_KEYWORD( not ); PUZLE_KEYWORD( true ); PUZLE_KEYWORD( false ); PUZLE_KEYWORD( suggest );
PUZLE_KEYWORD( require ); PUZLE_KEYWORD( exclude ); PUZLE_KEYWORD( boost ); PUZLE_KEYWORD( penalize );
PUZLE_KEYWORD( weight ); PUZLE_KEYWORD( because ); PUZLE_KEYWORD( requires ); PUZLE_KEYWORD( covers );
PUZLE_KEYWORD( eligible ); PUZLE_KEYWORD( label ); PUZLE_KEYWORD( description ); PUZLE_KEYWORD( effort );
PUZLE_KEYWORD( cost ); PUZLE_KEYWORD( source ); PUZLE_KEYWORD( valid );
// Contextual: keywords only where the grammar expects them.
PUZLE_KEYWORD( from ); PUZLE_KEYWORD( until ); PUZLE_KEYWORD( url ); PUZLE_KEYWORD( size );
PUZLE_KEYWORD( budget ); PUZLE_KEYWORD( int ); PUZLE_KEYWORD( decimal ); PUZLE_KEYWORD( money );
PUZLE_KEYWORD( bool ); PUZLE_KEYWORD( text ); PUZLE_KEYWORD( enum ); PUZLE_KEYWORD( level );
PUZLE_KEYWORD( set ); PUZLE_KEYWORD( suggested ); PUZLE_KEYWORD( required ); PUZLE_KEYWORD( excluded );
PUZLE_KEYWORD( blocked ); PUZLE_KEYWORD( contains ); PUZLE_KEYWORD( score ); PUZLE_KEYWORD( priority );
PUZLE_KEYWORD( maturity ); PUZLE_KEYWORD( due ); PUZLE_KEYWORD( warning ); PUZLE_KEYWORD( city_scale ); PUZLE_KEYWORD( serves );
PUZLE_KEYWORD( acknowledge ); PUZLE_KEYWORD( key );
#undef PUZLE_KEYWORD

// ---- lexical ----------------------------------------------------------------------------
struct word : pg::identifier {};                       // any identifier, keywords included

// A name: an identifier that is not a reserved word (both defined in reserved.hpp). A custom
// rule so that the identifier is scanned once and looked up, rather than matched against every
// keyword rule first (that was the parser's largest single cost on a large rulebase).
struct ident {
  using rule_t = ident;
  using subs_t = pg::empty_list;
  template< pg::apply_mode, pg::rewind_mode, template< typename... > class Action,
            template< typename... > class Control, typename ParseInput, typename... States >
  static bool match( ParseInput& in, States&&... /*unused*/ ) {
    const char* const begin = in.current();
    const char* const end = in.end();
    if( begin == end || !kIdentifierFirst[ static_cast< unsigned char >( *begin ) ] ) return false;
    const char* at = begin + 1;
    while( at != end && kIdentifierOther[ static_cast< unsigned char >( *at ) ] ) ++at;
    const auto size = static_cast< std::size_t >( at - begin );
    if( is_reserved( std::string_view( begin, size ) ) ) return false;
    in.bump( size );
    return true;
  }
};

struct path : seq< ident, star< one< '.' >, word > > {};  // a.b.c (after a dot any word is fine)

struct digits : plus< digit > {};
struct number : seq< digits, opt< one< '.' >, digits > > {};
struct signed_number : seq< opt< one< '-' > >, number > {};
struct date : seq< rep< 4, digit >, one< '-' >, rep< 2, digit >, one< '-' >, rep< 2, digit > > {};

struct escape_code : one< '"', '\\', 'n', 't', '{', '}' > {};
struct escape : if_must< one< '\\' >, escape_code > {};
struct string_end : one< '"' > {};
// Runs of plain characters are consumed whole; a backslash must start a valid escape.
struct string_chars : sor< plus< not_one< '"', '\\', '\n', '\r' > >, escape > {};
struct string_lit : if_must< one< '"' >, star< string_chars >, string_end > {};

struct comma : one< ',' > {};
struct colon : one< ':' > {};
struct dotdot : pg::two< '.' > {};
struct eq_sign : seq< one< '=' >, not_at< one< '=' > > > {};
struct open_brace : one< '{' > {};
struct close_brace : one< '}' > {};
struct open_bracket : one< '[' > {};
struct close_bracket : one< ']' > {};
struct open_paren : one< '(' > {};
struct close_paren : one< ')' > {};

// ---- expressions ------------------------------------------------------------------------
struct expr;

struct number_lit : number {};
struct string_value : string_lit {};
struct true_lit : kw_true {};
struct false_lit : kw_false {};
struct expr_path : path {};

struct paren_close : close_paren {};
struct paren_inner : seq< expr > {};
struct paren_expr : if_must< p< open_paren >, paren_inner, p< paren_close > > {};

struct list_open : open_bracket {};
struct list_close : close_bracket {};
struct list_items : list_tail< expr, p< comma > > {};
struct list_lit : if_must< p< list_open >, opt< list_items >, p< list_close > > {};

struct object_open : open_brace {};
struct object_close : close_brace {};
struct entry_key : word {};
struct entry_colon : colon {};
struct entry_value : seq< expr > {};
struct object_entry : if_must< p< entry_key >, p< entry_colon >, entry_value > {};
struct object_lit : if_must< p< object_open >, star< object_entry, opt< p< comma > > >, p< object_close > > {};

struct call_open : open_paren {};
struct call_close : close_paren {};
struct call_arg_list : pg::list_must< expr, p< comma > > {};
struct call_args : if_must< p< call_open >, opt< call_arg_list >, p< call_close > > {};
struct name_or_call : seq< p< expr_path >, opt< call_args > > {};

struct primary : sor< p< number_lit >, p< string_value >, p< true_lit >, p< false_lit >, paren_expr,
                      list_lit, object_lit, name_or_call > {};

struct index_close : close_bracket {};
struct index_expr : seq< expr > {};
struct index_tail : if_must< p< open_bracket >, index_expr, p< index_close > > {};
struct postfix_expr : seq< primary, star< index_tail > > {};

struct operand;  // the operand after a prefix or infix operator: named for its error message
struct neg_op : seq< one< '-' >, not_at< digit > > {};
struct neg_number : seq< one< '-' >, number > {};  // -5 is a literal, - x a negation
struct unary_expr;
struct neg_operand : seq< unary_expr > {};
struct neg_app : if_must< p< neg_op >, neg_operand > {};
struct unary_expr : sor< p< neg_number >, neg_app, postfix_expr > {};

struct mul_op : one< '*' > {};
struct div_op : seq< one< '/' >, not_at< one< '/', '*' > > > {};
struct prod_operand : seq< unary_expr > {};
struct prod_tail : if_must< p< sor< mul_op, div_op > >, prod_operand > {};
struct prod_expr : seq< unary_expr, star< prod_tail > > {};

struct add_op : one< '+' > {};
struct sub_op : one< '-' > {};
struct sum_operand : seq< prod_expr > {};
struct sum_tail : if_must< p< sor< add_op, sub_op > >, sum_operand > {};
struct sum_expr : seq< prod_expr, star< sum_tail > > {};

struct le_op : pg::string< '<', '=' > {};
struct ge_op : pg::string< '>', '=' > {};
struct ne_op : pg::string< '!', '=' > {};
struct eqeq_op : pg::string< '=', '=' > {};
struct lt_op : one< '<' > {};
struct gt_op : one< '>' > {};
struct in_op : kw_in {};
struct not_in_op : seq< kw_not, sep, kw_in > {};
struct cmp_op : sor< le_op, ge_op, ne_op, eqeq_op, lt_op, gt_op, in_op, not_in_op > {};
struct cmp_operand : seq< sum_expr > {};
struct cmp_tail : if_must< p< cmp_op >, cmp_operand > {};
// Nothing valid follows a comparison with another comparison or a lone '=': named for their messages.
struct no_chained_cmp : not_at< cmp_op > {};
struct no_single_eq : not_at< eq_sign > {};
struct cmp_expr : seq< sum_expr, opt< cmp_tail, pg::must< no_chained_cmp > >, pg::must< no_single_eq > > {};

struct not_operand;
struct not_app : if_must< p< kw_not >, not_operand > {};
struct not_expr : sor< not_app, cmp_expr > {};
struct not_operand : seq< not_expr > {};

struct and_operand : seq< not_expr > {};
struct and_tail : if_must< p< kw_and >, and_operand > {};
struct and_expr : seq< not_expr, star< and_tail > > {};

struct or_operand : seq< and_expr > {};
struct or_tail : if_must< p< kw_or >, or_operand > {};
struct or_expr : seq< and_expr, star< or_tail > > {};

struct expr : or_expr {};

// ---- `because` templates ----------------------------------------------------------------
struct tpl_text : plus< sor< plus< not_one< '"', '\\', '\n', '\r', '{' > >, escape > > {};
struct tpl_hole_close : close_brace {};
struct tpl_hole_expr : seq< expr > {};
// `{{` is no literal brace (that is `\{`): said plainly, unless it opens an object literal
// (`{{ k: "v" }}`), which a hole may hold like any expression.
struct tpl_object_start : seq< one< '{' >, sep, sor< one< '}' >, seq< ident, sep, one< ':' > > > > {};
struct tpl_no_brace : sor< pg::at< tpl_object_start >, not_at< one< '{' > > > {};
struct tpl_hole : if_must< one< '{' >, tpl_no_brace, sep, tpl_hole_expr, tpl_hole_close > {};
struct template_lit : if_must< one< '"' >, star< sor< tpl_text, tpl_hole > >, string_end > {};

// ---- shared clauses ---------------------------------------------------------------------
struct range_lo : signed_number {};
struct range_hi : signed_number {};
struct range : seq< opt< p< range_lo > >, p< dotdot >, opt< p< range_hi > > > {};

struct label_lang : ident {};
struct label_text : string_lit {};
struct label_clause : if_must< p< kw_label >, p< label_lang >, p< label_text > > {};
struct desc_lang : ident {};
struct desc_text : string_lit {};
struct description_clause : if_must< p< kw_description >, opt< p< desc_lang > >, p< desc_text > > {};
struct url_text : string_lit {};
struct url_clause : if_must< p< kw_url >, p< url_text > > {};
// `acknowledge W500 "reason"`: a warning of the checker that the author intends. One rule for
// each declaration that takes it, so that its action knows where the clause belongs.
struct ack_code : word {};
struct ack_reason : string_lit {};
struct acknowledge_clause : if_must< p< kw_acknowledge >, p< ack_code >, p< ack_reason > > {};
struct rule_ack : acknowledge_clause {};
struct segment_ack : acknowledge_clause {};
struct provider_ack : acknowledge_clause {};
struct solution_ack : acknowledge_clause {};

// ---- profile ----------------------------------------------------------------------------
struct simple_type : sor< kw_int, kw_decimal, kw_money, kw_bool, kw_text > {};
struct enum_value : ident {};
struct enum_open : open_brace {};
struct enum_close : close_brace {};
struct enum_values : list_tail< p< enum_value >, p< comma > > {};
struct enum_type : if_must< p< kw_enum >, p< enum_open >, enum_values, p< enum_close > > {};
struct level_index_name : word {};
struct level_index_close : close_bracket {};
struct level_index : if_must< p< open_bracket >, p< level_index_name >, p< level_index_close > > {};
struct level_range : seq< range > {};
struct level_type : if_must< p< kw_level >, opt< level_index >, level_range > {};
struct set_open : one< '<' > {};
struct set_close : one< '>' > {};
struct set_item_type : word {};
struct set_type : if_must< p< kw_set >, p< set_open >, p< set_item_type >, p< set_close > > {};
struct field_type : sor< enum_type, level_type, set_type, p< simple_type > > {};
struct field_default_value : seq< expr > {};
struct field_default : if_must< p< eq_sign >, field_default_value > {};
struct field_name : ident {};
struct field_colon : colon {};
struct field_decl : if_must< p< field_name >, p< field_colon >, field_type, opt< field_default > > {};
// `key ine_code: text`: the field that identifies a profile (a line of a batch). `key` is the
// modifier only when a word follows it: `key: text` is a field called key.
struct field_key : seq< kw_key, pg::at< sep, word > > {};
struct keyed_field : seq< field_decl > {};
struct profile_field : sor< if_must< p< field_key >, keyed_field >, field_decl > {};
struct profile_open : open_brace {};
struct profile_close : close_brace {};
struct profile_decl : if_must< p< kw_profile >, p< profile_open >, star< profile_field >, p< profile_close > > {};

// ---- metamodel: area > domain > block > element -----------------------------------------
struct node_kind : sor< kw_area, kw_domain, kw_block, kw_element > {};
struct node_name : ident {};
struct node_label : string_lit {};
struct node_parent : path {};
struct node_in : if_must< p< kw_in >, p< node_parent > > {};
struct effort_value : number {};
struct effort_clause : if_must< p< kw_effort >, p< effort_value > > {};
struct cost_value : number {};
struct cost_clause : if_must< p< kw_cost >, p< cost_value > > {};
// The maturity it needs to be started: of its own area (`maturity 3`) or of another
// (`maturity ajuntament 3`).
struct maturity_area : ident {};
struct maturity_level : digits {};
struct maturity_clause : if_must< p< kw_maturity >, opt< p< maturity_area > >, p< maturity_level > > {};
// `city_scale`: an investment made for cities, never proposed to a village (docs/rulebase.md).
struct city_scale_word : kw_city_scale {};
struct city_scale_clause : p< city_scale_word > {};
struct requires_item : path {};
struct requires_list : pg::list_must< p< requires_item >, p< comma > > {};
struct requires_clause : if_must< p< kw_requires >, requires_list > {};
struct solution_item : path {};
struct solution_list : pg::list_must< p< solution_item >, p< comma > > {};
struct solution_ref_clause : if_must< p< kw_solution >, solution_list > {};
struct node_decl;
struct node_member : sor< node_decl, label_clause, description_clause, effort_clause, cost_clause,
                          maturity_clause, city_scale_clause, requires_clause, solution_ref_clause > {};
struct node_open : open_brace {};
struct node_close : close_brace {};
struct node_body : if_must< p< node_open >, star< node_member >, p< node_close > > {};
// node_rest is what follows the keyword: it counts one level of nesting (errors.hpp).
struct node_rest : seq< pg::must< p< node_name > >, opt< p< node_label > >, opt< node_in >, opt< node_body > > {};
struct node_decl : if_must< p< node_kind >, node_rest > {};

// ---- providers and public solutions -----------------------------------------------------
struct provider_name : ident {};
struct provider_label : string_lit {};
// `serves when province == girona`: the municipalities whose own provider it is (a Diputació
// for its province); their solutions come first (docs/semantics.md §9).
struct serves_cond : seq< expr > {};
struct serves_when : kw_when {};
struct serves_clause : if_must< p< kw_serves >, p< serves_when >, serves_cond > {};
struct provider_member : sor< label_clause, description_clause, url_clause, serves_clause, provider_ack > {};
struct provider_open : open_brace {};
struct provider_close : close_brace {};
struct provider_body : if_must< p< provider_open >, star< provider_member >, p< provider_close > > {};
struct provider_decl : if_must< p< kw_provider >, p< provider_name >, p< provider_label >, opt< provider_body > > {};

struct solution_name : path {};
struct solution_label : string_lit {};
struct covers_item : path {};
struct covers_list : pg::list_must< p< covers_item >, p< comma > > {};
struct covers_clause : if_must< p< kw_covers >, covers_list > {};
struct eligible_cond : seq< expr > {};
struct eligible_when : kw_when {};
struct eligible_clause : if_must< p< kw_eligible >, p< eligible_when >, eligible_cond > {};
// `cost 0`: what the municipality pays for it, in euros (0: free); unstated when unknown.
struct solution_cost_value : number {};
struct solution_cost_clause : if_must< p< kw_cost >, p< solution_cost_value > > {};
struct solution_member : sor< label_clause, description_clause, url_clause, covers_clause, eligible_clause,
                              solution_cost_clause, solution_ack > {};
struct solution_open : open_brace {};
struct solution_close : close_brace {};
struct solution_body : if_must< p< solution_open >, star< solution_member >, p< solution_close > > {};
struct solution_decl : if_must< p< kw_solution >, p< solution_name >, p< solution_label >, opt< solution_body > > {};

// ---- segments ---------------------------------------------------------------------------
struct segment_name : ident {};
struct segment_label : string_lit {};
struct segment_eq : eq_sign {};
struct segment_cond : seq< expr > {};
struct segment_decl : if_must< p< kw_segment >, p< segment_name >, opt< p< segment_label > >, p< segment_eq >, segment_cond,
                               star< segment_ack > > {};

// ---- rules ------------------------------------------------------------------------------
struct rule_name : ident {};
struct rule_title : string_lit {};
struct source_text : string_lit {};
struct source_clause : if_must< p< kw_source >, p< source_text > > {};
struct valid_from_date : date {};
struct valid_until_date : date {};
struct valid_from : if_must< p< kw_from >, p< valid_from_date >, opt< if_must< p< kw_until >, p< valid_until_date > > > > {};
struct valid_until : if_must< p< kw_until >, p< valid_until_date > > {};
struct valid_bounds : sor< valid_from, valid_until > {};
struct valid_clause : if_must< p< kw_valid >, valid_bounds > {};
struct for_var : ident {};
struct for_in : kw_in {};
struct for_set : seq< expr > {};
struct where_cond : seq< expr > {};
struct for_where : if_must< p< kw_where >, where_cond > {};
struct for_clause : if_must< p< kw_for >, p< for_var >, p< for_in >, for_set, opt< for_where > > {};
struct when_cond : seq< expr > {};
struct when_clause : if_must< p< kw_when >, when_cond > {};
struct effect_kw : sor< kw_suggest, kw_require, kw_exclude, kw_boost, kw_penalize > {};
struct effect_target : path {};
struct effect_targets : pg::list_must< p< effect_target >, p< comma > > {};
struct weight_value : signed_number {};
struct weight_clause : if_must< p< kw_weight >, p< weight_value > > {};
// `require x due 2023-12-01`: the date by which the law required it.
struct due_date : date {};
struct due_clause : if_must< p< kw_due >, p< due_date > > {};
struct effect_clause : if_must< p< effect_kw >, effect_targets, opt< weight_clause >, opt< due_clause > > {};
struct because_text : template_lit {};
struct because_clause : if_must< p< kw_because >, p< because_text > > {};
struct rule_clause : sor< source_clause, valid_clause, for_clause, when_clause, effect_clause, because_clause, rule_ack > {};
struct rule_decl : if_must< p< kw_rule >, p< rule_name >, opt< p< rule_title > >, star< rule_clause > > {};
// `warning CODE "Title" [source] [valid] [for] [when] because "..."`: a profile the rulebase
// finds implausible. The clauses are a rule's; the checker refuses effects.
struct warning_name : ident {};
struct warning_decl : if_must< p< kw_warning >, p< warning_name >, opt< p< rule_title > >, star< rule_clause > > {};

// ---- roadmap ----------------------------------------------------------------------------
struct phase_name : ident {};
struct phase_label : string_lit {};
// A phase's maximum may be computed from the profile: `..(it_staff * 3)`. The parentheses
// keep the expression apart from the next limit's keyword.
struct limit_hi_expr : seq< paren_expr > {};
struct limit_range : seq< opt< p< range_lo > >, p< dotdot >, opt< sor< p< range_hi >, p< limit_hi_expr > > > > {};
struct size_range : seq< limit_range > {};
struct effort_range : seq< limit_range > {};
struct budget_range : seq< limit_range > {};
struct size_limit : if_must< p< kw_size >, size_range > {};
struct effort_limit : if_must< p< kw_effort >, effort_range > {};
struct budget_limit : if_must< p< kw_budget >, budget_range > {};
struct phase_limit : sor< size_limit, effort_limit, budget_limit > {};
struct phase_decl : if_must< p< kw_phase >, p< phase_name >, opt< p< phase_label > >, star< phase_limit > > {};
// The ranking the roadmap uses: `priority { required 40  quick_win 20 effort ..0.5 }`.
struct priority_term_name : ident {};
struct priority_weight : signed_number {};
struct priority_effort_max : number {};
struct priority_effort_dots : dotdot {};
struct priority_effort : if_must< p< kw_effort >, p< priority_effort_dots >, p< priority_effort_max > > {};
struct priority_term : if_must< p< priority_term_name >, p< priority_weight >, opt< priority_effort > > {};
struct priority_open : open_brace {};
struct priority_close : close_brace {};
struct priority_decl : if_must< p< kw_priority >, p< priority_open >, star< priority_term >, p< priority_close > > {};
struct roadmap_member : sor< phase_decl, priority_decl > {};
struct roadmap_open : open_brace {};
struct roadmap_close : close_brace {};
struct roadmap_decl : if_must< p< kw_roadmap >, p< roadmap_open >, star< roadmap_member >, p< roadmap_close > > {};

// ---- rule tests -------------------------------------------------------------------------
struct test_name : string_lit {};
struct given_value : seq< object_lit > {};
struct given_clause : if_must< p< kw_given >, given_value > {};
struct expect_not : kw_not {};
struct expect_element : path {};
struct expect_status : sor< kw_suggested, kw_required, kw_excluded, kw_blocked > {};
struct status_expect : if_must< p< expect_status >, p< expect_element > > {};
struct expect_phase : ident {};
struct expect_contains : kw_contains {};
struct phase_expect : if_must< p< kw_phase >, p< expect_phase >, p< expect_contains >, p< expect_element > > {};
struct score_cmp : sor< le_op, ge_op, ne_op, eqeq_op, lt_op, gt_op > {};
struct score_value : signed_number {};
struct score_expect : if_must< p< kw_score >, p< expect_element >, p< score_cmp >, p< score_value > > {};
// `expect warning CODE`: the warning of that code holds for the test's profile.
struct expect_warning : if_must< p< kw_warning >, p< expect_element > > {};
struct expect_body : sor< status_expect, phase_expect, score_expect, expect_warning > {};
struct expectation : seq< opt< p< expect_not > >, expect_body > {};
struct expect_clause : if_must< p< kw_expect >, expectation > {};
struct test_open : open_brace {};
struct test_close : close_brace {};
struct test_decl : if_must< p< kw_test >, p< test_name >, p< test_open >, opt< given_clause >, star< expect_clause >, p< test_close > > {};

// ---- a file -----------------------------------------------------------------------------
struct top_decl : sor< profile_decl, node_decl, provider_decl, solution_decl, segment_decl, rule_decl,
                       warning_decl, roadmap_decl, test_decl > {};
// parse.cpp parses one declaration at a time so that it can recover at declaration boundaries.
struct leading : sep {};
struct one_decl : seq< pg::must< top_decl > > {};
struct whole_file : seq< sep, star< top_decl >, eof > {};  // for analyze() and tools

// clang-format on

}  // namespace puzle::dsl::grammar

// For pg::analyze(): `ident` consumes input when it succeeds and has no sub-rules.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, puzle::dsl::grammar::ident> : analyze_any_traits<> {};
