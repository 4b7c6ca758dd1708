// Work spread over threads: the per-file loops of the evidence modules (`--jobs`).
#pragma once
#include <cstddef>
#include <functional>

namespace pacte {

/// Runs `body(i)` once for every `i` in [0, count), on up to `jobs` threads (the calling thread
/// is one of them; 1 runs every index in order on the calling thread). Indexes are handed out in
/// order, one at a time, so a slow file does not hold up the others. The first exception a
/// body throws stops the indexes not yet started and is rethrown here once every thread has
/// finished; threads the system refuses leave their share to the others.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& body);

}  // namespace pacte
