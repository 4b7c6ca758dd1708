// One writer per output folder: `pacte batch` and `pacte merge` hold an exclusive lock on a
// file in their --out folder for their whole run, so that two batches (two shards given one
// --out by mistake) never overwrite each other's reports and summaries.
#pragma once
#include <string>

namespace pacte::batch {

/// The lock file's name inside the output folder.
inline constexpr const char* kOutputLockName = ".pacte-batch.lock";

/// An exclusive flock(2) on `<folder>/.pacte-batch.lock`, released when destroyed (or when the
/// process ends, whatever the way).
class OutputFolderLock {
 public:
  /// Takes the lock without waiting. Throws std::runtime_error naming the folder when another
  /// process holds it, or when the lock file cannot be opened.
  explicit OutputFolderLock(const std::string& folder);
  ~OutputFolderLock();
  OutputFolderLock(const OutputFolderLock&) = delete;
  OutputFolderLock& operator=(const OutputFolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace pacte::batch
