#include "checks/base/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace pacte {

void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& body) {
  const std::size_t threads = std::min<std::size_t>(jobs == 0 ? 1 : jobs, count);
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex error_mutex;
  std::exception_ptr first_error;
  auto work = [&] {
    for (std::size_t i = next++; i < count && !stop; i = next++) {
      try {
        body(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        stop = true;
      }
    }
  };
  std::vector<std::thread> helpers;
  helpers.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back(work);
    } catch (...) {
      // No more threads (std::system_error), or no memory for one (std::bad_alloc, under a
      // memory limit): the ones running, this one at least, do the rest. Nothing may leave
      // this loop while a started thread is not joined: that would end the program.
      break;
    }
  }
  work();
  for (auto& h : helpers) h.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace pacte
