// Public API: the SHA-256 digests puzle stamps on rulebases, profiles and results (OpenSSL),
// as lowercase hex: a digest names content, so equal digests mean equal bytes.
#pragma once

#include <string>
#include <string_view>

namespace puzle {

std::string sha256_hex(std::string_view bytes);

}  // namespace puzle
