// Finding the licence files of a snapshot.
#include <algorithm>

#include "checks/base/text.hpp"
#include "checks/license/license.hpp"

namespace pacte {
namespace {

// Extensions of files that are code or data, never a licence text ("license.js").
bool code_or_data_extension(std::string_view ext) {
  static const std::vector<std::string_view> skip = {
      "js", "mjs", "cjs", "ts", "tsx", "jsx", "py", "go", "rs", "java", "kt", "c", "h", "cc",
      "cpp", "hpp", "cs", "rb", "php", "sh", "json", "yml", "yaml", "toml", "xml", "lock",
      "css", "scss", "vue", "svelte", "swift", "dart", "pl", "pm", "lua", "sql", "png", "jpg",
      "jpeg", "gif", "svg", "pdf", "ico", "class", "jar", "o", "so", "dll", "exe", "zip", "gz"};
  return std::find(skip.begin(), skip.end(), ext) != skip.end();
}

bool is_license_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t b = 0;
  while (true) {
    auto slash = path.find('/', b);
    parts.push_back(path.substr(b, slash == std::string_view::npos ? std::string_view::npos : slash - b));
    if (slash == std::string_view::npos) break;
    b = slash + 1;
  }
  const std::string name = ascii_lower(parts.back());
  // REUSE: LICENSES/<id>.txt at the root (or one folder down).
  if (parts.size() >= 2 && parts.size() <= 3 && parts[parts.size() - 2] == "LICENSES")
    return name.ends_with(".txt");
  if (parts.size() > 2) return false;
  auto dot = name.find('.');
  const std::string stem = name.substr(0, dot);
  const std::string ext = dot == std::string::npos ? "" : name.substr(name.rfind('.') + 1);
  for (std::string_view prefix : {"license", "licence", "copying", "unlicense"}) {
    if (stem.starts_with(prefix)) return !code_or_data_extension(ext);
  }
  return false;
}

}  // namespace

std::vector<LicenseFile> find_license_files(const Snapshot& snap) {
  std::vector<const FileEntry*> entries;
  for (const auto& e : snap.files()) {
    if (e.kind == EntryKind::file && is_license_path(e.path)) entries.push_back(&e);
  }
  std::stable_sort(entries.begin(), entries.end(), [](const FileEntry* a, const FileEntry* b) {
    bool ra = a->path.find('/') == std::string::npos, rb = b->path.find('/') == std::string::npos;
    if (ra != rb) return ra;
    return a->path < b->path;
  });
  std::vector<LicenseFile> out;
  for (const FileEntry* e : entries) {
    auto content = snap.read(*e);
    if (!content || content->find('\0') != std::string::npos || is_lfs_pointer(*content)) continue;
    out.push_back({e->path, identify_license_text(*content)});
  }
  return out;
}

}  // namespace pacte
