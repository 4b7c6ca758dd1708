// The result cache of `--cache DIR` (BlobCache on disk): its version key and its opening.
#include <git2.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

#include "checks/base/git.hpp"
#include "checks/base/input_file.hpp"
#include "checks/engine/audit.hpp"
#include "pacte/version.hpp"

namespace pacte {

namespace {

namespace fs = std::filesystem;

// The hash of the running program: its code and every piece of data compiled into it (rule
// modules, tracker signatures, licence texts). Empty when it cannot be read.
const std::string& program_hash() {
  static std::once_flag once;
  static std::string hash;
  std::call_once(once, [] {
    ensure_libgit2();
    git_oid oid;
    if (git_odb_hashfile(&oid, "/proc/self/exe", GIT_OBJECT_BLOB) != 0) {
      git_error_clear();
      return;
    }
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &oid);
    hash = hex;
  });
  return hash;
}

// The hash of a file's content, or a mark saying it cannot be read (the audit reports it).
std::string file_hash(const std::string& path) {
  try {
    return fingerprint_of({read_file_capped(path, 256ull << 20, "the file")});
  } catch (const std::exception& e) {
    return std::string("unreadable: ") + e.what();
  }
}

}  // namespace

std::string result_cache_key(const AuditOptions& options) {
  const std::string& program = program_hash();
  if (program.empty()) return {};
  std::vector<std::string> parts{"pacte result cache 1", PACTE_VERSION, program,
                                 "max_file_size=" + std::to_string(options.max_file_size)};
  for (const auto& f : options.evidence.signature_files) parts.push_back("signatures=" + file_hash(f));
  if (const std::string& data = options.evidence.license_data_dir; !data.empty()) {
    // The files load_license_data_dir reads: text/*.txt, else json/details/*.json.
    std::error_code ec;
    fs::path folder = fs::path(data) / "text";
    std::string ext = ".txt";
    if (!fs::is_directory(folder, ec)) {
      folder = fs::path(data) / "json" / "details";
      ext = ".json";
    }
    std::vector<std::string> files;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ext) files.push_back(it->path().string());
    std::sort(files.begin(), files.end());
    parts.push_back("license_data=" + std::to_string(files.size()));
    for (const auto& f : files) parts.push_back(fs::path(f).filename().string() + "=" + file_hash(f));
  }
  return fingerprint_of(parts);
}

void open_result_cache(BlobCache& cache, const AuditOptions& options) {
  const std::string key = result_cache_key(options);
  if (key.empty()) {
    // Without the program's hash a kept value could come from another build: keep none.
    static std::once_flag warned;
    std::call_once(warned, [] {
      std::fprintf(stderr, "pacte: warning: /proc/self/exe cannot be read: results are not cached\n");
    });
    return;
  }
  std::string error;
  if (!cache.open(options.result_cache_dir, key, error)) throw AuditError(error);
}

void save_result_cache(BlobCache& cache) {
  std::string error;
  if (!cache.save(error)) std::fprintf(stderr, "pacte: warning: the result cache was not written: %s\n", error.c_str());
}

}  // namespace pacte
