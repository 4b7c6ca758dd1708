// A time limit on one audit (`--timeout`). It is checked where an audit spends its time: at
// every file read, every few thousand commits of the history walk, and between rules; never
// inside a libgit2 or vectorscan callback. So an audit stops within one file read or one batch
// of commits of its limit, and every handle it holds is released on the way out.
#pragma once
#include <chrono>

namespace pacte {

/// Thrown when an audit runs past its time limit. Deliberately not a std::exception: the
/// engine turns a check's exceptions into that check's `error` status, and a time limit must
/// instead stop the whole audit.
struct TimeLimitExceeded {
  double seconds = 0;  // the limit that was passed
};

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  /// No limit.
  Deadline() = default;
  /// A limit at `at`; `seconds` is the limit as the user gave it, for messages.
  Deadline(Clock::time_point at, double seconds) : at_(at), seconds_(seconds) {}
  /// `seconds` from now; 0 or less (or not a number) means no limit, and so does a limit
  /// past `kMaxSeconds`, which the clock could not represent.
  static Deadline after(double seconds) {
    if (!(seconds > 0) || seconds > kMaxSeconds) return {};
    return {Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)), seconds};
  }
  /// The longest limit kept (about 31 years).
  static constexpr double kMaxSeconds = 1e9;

  bool limited() const { return at_ != Clock::time_point::max(); }
  bool expired() const { return limited() && Clock::now() > at_; }
  /// Throws TimeLimitExceeded when the limit has passed.
  void check() const {
    if (expired()) throw TimeLimitExceeded{seconds_};
  }
  Clock::time_point at() const { return at_; }
  double seconds() const { return seconds_; }

 private:
  Clock::time_point at_ = Clock::time_point::max();
  double seconds_ = 0;
};

}  // namespace pacte
