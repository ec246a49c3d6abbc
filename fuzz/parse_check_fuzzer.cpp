// libFuzzer entry point: parse + check + render for arbitrary bytes (see fuzz_one.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_one.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  puzle::fuzz::run_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
