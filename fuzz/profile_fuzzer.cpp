// libFuzzer entry point: a JSON profile loaded, evaluated and rendered against examples/minimal
// (see profile_one.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "profile_one.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  puzle::fuzz::run_profile(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
