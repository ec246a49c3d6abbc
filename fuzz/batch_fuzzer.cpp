// libFuzzer entry point: a CSV or JSON Lines batch input run against examples/minimal on 1 and
// 3 threads, which must agree (see batch_one.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "batch_one.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  puzle::fuzz::run_batch_input(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
