// engine layer (batch): the streaming loop shared by batch, coverage and diff. Records are read
// in waves of bounded size, worked on by `jobs` threads, then emitted in input order on the
// calling thread: memory is bounded by the wave, and the output does not depend on `jobs`.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

#include "puzle/batch.hpp"

namespace puzle::batch {

template <class Out, class Work, class Emit>
std::uint64_t run_waves(RecordReader& reader, unsigned jobs, std::size_t wave, Work&& work, Emit&& emit,
                        const std::function<void(std::uint64_t)>& progress) {
  jobs = std::max(1u, jobs);
  const std::size_t capacity = std::max<std::size_t>(1, wave) * jobs;
  std::vector<BatchRecord> records;
  std::vector<Out> outs;
  std::uint64_t done = 0;
  for (;;) {
    records.clear();
    BatchRecord r;
    while (records.size() < capacity && reader.next(r)) records.push_back(std::move(r));
    if (records.empty()) break;
    outs.clear();
    outs.resize(records.size());
    std::atomic<std::size_t> next{0};
    auto run = [&](unsigned worker) {
      for (std::size_t i; (i = next.fetch_add(1)) < records.size();) outs[i] = work(records[i], worker);
    };
    const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(jobs, records.size()));
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < threads; ++w) pool.emplace_back(run, w);
    run(0);
    for (auto& t : pool) t.join();
    for (std::size_t i = 0; i < records.size(); ++i) emit(records[i], std::move(outs[i]));
    done += records.size();
    if (progress) progress(done);
  }
  return done;
}

}  // namespace puzle::batch
