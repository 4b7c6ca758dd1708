#include "checks/base/output_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <ostream>
#include <stdexcept>

namespace pacte {

void write_output(const std::string& path, const std::string& data, std::ostream& out) {
  if (path.empty() || path == "-") {
    out << data;
    out.flush();
    return;
  }
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error(path + ": cannot write (check the folder exists and is writable)");
    f << data;
    f.flush();
    if (!f) {
      f.close();
      std::remove(tmp.c_str());
      throw std::runtime_error(path + ": write failed (disk full?)");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw std::runtime_error(path + ": cannot replace the file");
  }
}

}  // namespace pacte
