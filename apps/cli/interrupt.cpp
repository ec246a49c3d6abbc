// apps layer: the interrupt handlers. Only lock-free atomics are touched in a handler.
#include "interrupt.hpp"

#include <csignal>

namespace puzle::cli {
namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

extern "C" void on_signal(int sig) {
  g_signal.store(sig);
  g_interrupted.store(true);
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a read blocked on a terminal returns, so Ctrl-C is prompt
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  // With `ulimit -f`, a write beyond the limit must fail (EFBIG) and be reported, not kill us.
  std::signal(SIGXFSZ, SIG_IGN);
}

const std::atomic<bool>& stop_flag() { return g_interrupted; }
void request_stop() { g_interrupted.store(true); }
int interrupt_signal() { return g_signal.load(); }
int interrupted_exit_code() { return 128 + (g_signal.load() ? g_signal.load() : SIGINT); }

}  // namespace puzle::cli
