// dsl layer: the `overloaded` idiom for exhaustive std::visit over the AST's variants.
#pragma once

namespace puzle {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace puzle
