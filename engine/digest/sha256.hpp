// engine layer: SHA-256 digests (OpenSSL), as lowercase hex.
#pragma once

#include <string>
#include <string_view>

namespace puzle {

std::string sha256_hex(std::string_view bytes);

}  // namespace puzle
