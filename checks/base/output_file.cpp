#include "checks/base/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <stdexcept>

namespace pacte {

namespace {

std::string errno_text() { return std::strerror(errno); }

// Writes all of `data` to `fd`; false on failure (errno set).
bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Writes into what is already at `path` (a device, a pipe, or what a symbolic link names):
// it is opened as the shell's `>` would, never replaced.
void write_through(const std::string& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path + ": cannot write (" + errno_text() + ")");
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::ftruncate(fd, 0) != 0) {
    std::string why = errno_text();
    ::close(fd);
    throw std::runtime_error(path + ": cannot write (" + why + ")");
  }
  bool ok = write_all(fd, data);
  std::string why = ok ? std::string() : errno_text();
  if (::close(fd) != 0 && ok) {
    ok = false;
    why = errno_text();
  }
  if (!ok) throw std::runtime_error(path + ": write failed (" + why + ")");
}

// Creates `path` or replaces the regular file there atomically: the data goes to a new file
// with an unpredictable name in the same folder, created exclusively (never through a link),
// then renamed over `path`. On any failure the temporary file is removed and `path` is left
// as it was.
void replace_atomically(const std::string& path, const std::string& data, const struct stat* existing) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Appended piece by piece: GCC 12 warns falsely on "literal" + std::string at -O3.
  std::string name = ".";
  name.append(target.filename().string()).append(".pacte-XXXXXX");
  std::string tmpl = (dir / name).string();
  int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd < 0) {
    std::string why = errno_text();
    throw std::runtime_error(path + ": cannot write (" + why + "; check the folder exists and is writable)");
  }
  // mkostemp creates the file readable by its owner only: give it the mode a new file gets
  // (or the mode of the file it replaces).
  mode_t mode;
  if (existing) {
    mode = existing->st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  bool ok = ::fchmod(fd, mode) == 0 && write_all(fd, data);
  std::string why = ok ? std::string() : errno_text();
  if (::close(fd) != 0 && ok) {
    ok = false;
    why = errno_text();
  }
  if (!ok) {
    ::unlink(tmpl.c_str());
    throw std::runtime_error(path + ": write failed (" + why + ")");
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    why = errno_text();
    ::unlink(tmpl.c_str());
    throw std::runtime_error(path + ": cannot replace the file (" + why + ")");
  }
}

}  // namespace

void write_output(const std::string& path, const std::string& data, std::ostream& out) {
  if (path.empty() || path == "-") {
    out << data;
    out.flush();
    if (!out) throw std::runtime_error("standard output: write failed");
    return;
  }
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) throw std::runtime_error(path + ": cannot write (" + errno_text() + ")");
    replace_atomically(path, data, nullptr);
    return;
  }
  if (S_ISDIR(st.st_mode)) throw std::runtime_error(path + ": is a folder; give a file name");
  if (S_ISREG(st.st_mode)) {
    replace_atomically(path, data, &st);
    return;
  }
  // A device (/dev/null), a pipe, a socket, or a symbolic link (/dev/stdout): write into it,
  // never replace it.
  write_through(path, data);
}

bool same_file(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a == "-" || b == "-") return false;
  struct stat sa {}, sb {};
  bool ea = ::stat(a.c_str(), &sa) == 0, eb = ::stat(b.c_str(), &sb) == 0;
  // Only files can be overwritten: two outputs into one device or pipe (/dev/null) are fine.
  if (ea && eb) return S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (ea != eb) return false;
  namespace fs = std::filesystem;
  std::error_code ec;
  return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

}  // namespace pacte
