// core layer: lower case for the letters of Catalan, Spanish and the other Latin-script
// languages of the data (ASCII, Latin-1 and Latin Extended-A: "SÍ" is "sí", "L·LÀ" is
// "l·là"), the same on every machine: no locale is consulted.
#pragma once

#include <string>
#include <string_view>

namespace puzle::text {

std::string lower(std::string_view s);

}  // namespace puzle::text
