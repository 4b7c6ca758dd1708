#include "checks/base/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "checks/base/yaml_json.hpp"

namespace pacte {

namespace {

// Closes a file descriptor when it goes out of scope.
struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string size_in_words(std::uint64_t bytes) {
  if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1ull << 10) && bytes % (1ull << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string read_file_capped(const std::string& path, std::uint64_t max_bytes, const std::string& what, LinkPolicy links) {
  // O_NONBLOCK keeps open() from waiting on a named pipe nobody writes to yet, and on a device;
  // it is cleared below once the file is known to be readable.
  int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
  if (links == LinkPolicy::no_follow) flags |= O_NOFOLLOW;
  FileDescriptor file;
  file.fd = ::open(path.c_str(), flags);
  if (file.fd < 0) {
    int e = errno;
    if (e == ELOOP && links == LinkPolicy::no_follow)
      throw InputError(path, {}, "cannot read " + what + ": it is a symbolic link, which pacte does not follow here");
    throw InputError(path, {}, "cannot read " + what + ": " + std::strerror(e));
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) throw InputError(path, {}, "cannot read " + what + ": " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw InputError(path, {}, "cannot read " + what + ": it is a folder, not a file");
  if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
    throw InputError(path, {}, "cannot read " + what + ": not a regular file (a device or a socket); give a file");
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > max_bytes)
    throw InputError(path, {}, what + " is larger than the " + size_in_words(max_bytes) + " pacte reads (" +
                                   std::to_string(st.st_size) + " bytes)");
  int fl = ::fcntl(file.fd, F_GETFL);
  if (fl >= 0) ::fcntl(file.fd, F_SETFL, fl & ~O_NONBLOCK);

  std::string text;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(file.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(path, {}, "cannot read " + what + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    if (text.size() + static_cast<std::uint64_t>(n) > max_bytes)
      throw InputError(path, {}, what + " is larger than the " + size_in_words(max_bytes) + " pacte reads; stopped reading there");
    text.append(buf, static_cast<std::size_t>(n));
  }
  return text;
}

}  // namespace pacte
