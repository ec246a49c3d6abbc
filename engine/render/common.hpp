// engine layer (rendering): small helpers shared by the text and JSON renderers.
#pragma once

#include <string>
#include <vector>

#include "puzle/render.hpp"

namespace puzle::render {

// Display width in code points, and left-aligned padding to a width.
std::size_t width(const std::string& s);
std::string pad(const std::string& s, std::size_t w);
// At most `w` code points: longer text is cut and ends in "…", so one long legal citation
// does not push every other column off the screen.
std::string clip(const std::string& s, std::size_t w);

// The municipality's name, comarca, province and population, from the fields of those names
// when the profile schema declares them (empty otherwise).
struct Identity {
  std::string name, comarca, province, population;
};
Identity identity(const RenderInput& in);

using puzle::in_puzzle;
// The label of a solution with its provider's label, e.g. "Consorci AOC · e-NOTUM".
std::string solution_label(const ir::Program& p, ir::SolutionId s);
// Whether solution `s` is of a provider that serves this municipality (`serves when`).
bool own_provider(const RenderInput& in, ir::SolutionId s);
// Why a solution comes where it does: "own provider, free", "cost 1500.00 €", "cost not stated".
std::string solution_terms(const RenderInput& in, ir::SolutionId s);
// The legal sources of the require rules that fired for an element.
std::vector<std::string> legal_sources(const RenderInput& in, ir::ElementId e);
std::string short_digest(const std::string& hex);
// "warning[CODE] Title: because (name = value, ...)": one warning of the profile, for text.
std::string warning_line(const RenderInput& in, const ProfileWarning& w);

}  // namespace puzle::render
