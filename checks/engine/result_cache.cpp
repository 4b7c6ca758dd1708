// The result cache of `--cache DIR` (BlobCache on disk): its version key and its opening.
#include <elf.h>
#include <git2.h>
#include <link.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "checks/base/git.hpp"
#include "checks/base/input_file.hpp"
#include "checks/engine/audit.hpp"
#include "pacte/version.hpp"

namespace pacte {

namespace {

namespace fs = std::filesystem;

}  // namespace

// The GNU build-id (`ld --build-id`) is the linker's hash of its whole output, the code and every
// piece of data compiled into it, read here from the program's own PT_NOTE segments at no cost.
std::string program_build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) -> int {
        // The first object listed is the program itself.
        auto& out = *static_cast<std::string*>(data);
        for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_NOTE) continue;
          const char* at = reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);
          const char* end = at + segment.p_memsz;
          // Notes are aligned on 4 bytes (8 for an 8-aligned segment).
          const std::size_t align = segment.p_align > 4 ? segment.p_align : 4;
          auto round_up = [align](std::size_t n) { return (n + align - 1) / align * align; };
          while (static_cast<std::size_t>(end - at) >= sizeof(ElfW(Nhdr))) {
            ElfW(Nhdr) note;
            std::memcpy(&note, at, sizeof note);
            const char* name = at + sizeof note;
            const char* desc = name + round_up(note.n_namesz);
            const char* next = desc + round_up(note.n_descsz);
            if (next > end || next <= at) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 &&
                note.n_descsz > 0) {
              static constexpr char kHex[] = "0123456789abcdef";
              for (std::size_t b = 0; b < note.n_descsz; ++b) {
                const auto byte = static_cast<unsigned char>(desc[b]);
                out.push_back(kHex[byte >> 4]);
                out.push_back(kHex[byte & 15]);
              }
              return 1;
            }
            at = next;
          }
        }
        return 1;
      },
      &id);
  return id;
}

namespace {

// What names the running program's build: its build-id when the linker wrote one, else the
// hash of the program file (13 MB read at each audit). Empty when neither can be had.
const std::string& program_hash() {
  static std::once_flag once;
  static std::string hash;
  std::call_once(once, [] {
    if (std::string id = program_build_id(); !id.empty()) {
      hash = "build-id " + id;
      return;
    }
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
