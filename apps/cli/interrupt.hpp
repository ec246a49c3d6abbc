// apps layer: SIGINT and SIGTERM only raise the stop flag; long loops (batch waves) stop at the
// next wave, outputs are not committed, and the command exits 128 + the signal's number. A
// command may raise the flag itself (an output that can no longer be written).
#pragma once

#include <atomic>

namespace puzle::cli {

void install_interrupt_handlers();
// The flag the handlers raise (given to the batch engine as its stop flag).
const std::atomic<bool>& stop_flag();
// Raises the stop flag without a signal: going on would be wasted work.
void request_stop();
// The signal that interrupted the run, or 0.
int interrupt_signal();
// 128 + the signal: 130 for SIGINT, as shells expect.
int interrupted_exit_code();

}  // namespace puzle::cli
