#include "checks/batch/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace pacte::batch {

OutputFolderLock::OutputFolderLock(const std::string& folder) {
  std::string path = (std::filesystem::path(folder) / kOutputLockName).string();
  // Never through a symbolic link: the lock file is pacte's own, in the folder.
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd_ < 0)
    throw std::runtime_error(folder + ": cannot open the lock file " + path + " (" + std::strerror(errno) +
                             "); give a writable --out DIR");
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    ::close(fd_);
    fd_ = -1;
    if (e == EWOULDBLOCK)
      throw std::runtime_error(folder + ": another pacte batch or merge is writing to this folder (it holds " + path +
                               "); wait for it to finish, or give each batch its own --out and join them with 'pacte merge'");
    throw std::runtime_error(folder + ": cannot lock " + path + " (" + std::strerror(e) + ")");
  }
}

OutputFolderLock::~OutputFolderLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace pacte::batch
