// engine layer (batch): the streaming loop shared by batch, coverage and diff. Records are read
// in waves of bounded size, worked on by `jobs` threads, then emitted in input order on the
// calling thread: memory is bounded by the wave, and the output does not depend on `jobs`.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <system_error>
#include <thread>
#include <vector>

#include "puzle/batch.hpp"

namespace puzle::batch {

struct WavesRun {
  std::uint64_t done = 0;
  bool interrupted = false;    // the stop flag was raised before the input's end
  unsigned threads_short = 0;  // most threads the system refused in one wave
};

// `prepare(threads)` is called before each wave with the number of workers it will use, so that
// per-worker state is only made for workers that run.
template <class Out, class Work, class Emit, class Prepare>
WavesRun run_waves(RecordReader& reader, unsigned jobs, std::size_t wave, const std::atomic<bool>* stop,
                   Prepare&& prepare, Work&& work, Emit&& emit, const std::function<void(std::uint64_t)>& progress) {
  jobs = std::clamp(jobs, 1u, kMaxJobs);
  const std::size_t capacity = std::max<std::size_t>(1, wave) * jobs;
  std::vector<BatchRecord> records;
  std::vector<Out> outs;
  WavesRun run;
  auto stopped = [&] { return stop && stop->load(); };
  for (;;) {
    records.clear();
    BatchRecord r;
    while (records.size() < capacity && !stopped() && reader.next(r)) records.push_back(std::move(r));
    if (stopped()) {  // the records of an unfinished wave are not emitted: the output ends at a wave
      run.interrupted = true;
      break;
    }
    if (records.empty()) break;
    outs.clear();
    outs.resize(records.size());
    std::atomic<std::size_t> next{0};
    auto body = [&](unsigned worker) {
      for (std::size_t i; (i = next.fetch_add(1)) < records.size();) outs[i] = work(records[i], worker);
    };
    // Never more workers than records: a short input does not pay for idle threads.
    const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(jobs, records.size()));
    prepare(threads);
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned w = 1; w < threads; ++w) {
      try {
        pool.emplace_back(body, w);
      } catch (const std::system_error&) {  // out of threads: the started ones share the work
        run.threads_short = std::max(run.threads_short, threads - w);
        break;
      }
    }
    body(0);
    for (auto& t : pool) t.join();
    for (std::size_t i = 0; i < records.size(); ++i) emit(records[i], std::move(outs[i]));
    run.done += records.size();
    if (progress) progress(run.done);
  }
  return run;
}

}  // namespace puzle::batch
