// Finding the licence files of a snapshot.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "checks/base/blob_cache.hpp"
#include "checks/base/source_text.hpp"
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

// A root file that may hold a licence text under another name ("COPYRIGHT", "gpl-3.0.txt",
// "MIT.md"): a text file, not a usual project document, of licence size.
bool may_hold_licence(const FileEntry& e) {
  if (e.path.find('/') != std::string::npos || e.size < 100 || e.size > 256 * 1024) return false;
  const std::string name = ascii_lower(e.path);
  const auto dot = name.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  if (!(ext.empty() || ext == "txt" || ext == "md" || ext == "rst" || dot == 0)) return false;
  if (dot == 0) return false;  // dotfiles
  for (std::string_view doc : {"readme", "changelog", "changes", "contributing", "code_of_conduct", "authors",
                               "security", "history", "news", "todo", "install", "makefile", "dockerfile",
                               "cmakelists", "requirements", "gemfile", "procfile", "vagrantfile"}) {
    if (name.starts_with(doc)) return false;
  }
  return true;
}

// A template of the header to put in source files ("license-header.txt"), not a licence file.
bool is_header_template(std::string_view path) {
  const std::string name = ascii_lower(path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1));
  return name.find("header") != std::string::npos;
}

// The text of a licence file as UTF-8: a UTF-16 file (with its byte-order mark, as Windows
// editors write it) is decoded; nullopt for a file that cannot be read or is binary.
std::optional<std::string> licence_text(const Snapshot& snap, const FileEntry& e) {
  auto content = snap.read(e);
  if (!content) return std::nullopt;
  const TextEncoding bom = bom_encoding(*content);
  if (bom == TextEncoding::utf16le || bom == TextEncoding::utf16be || bom == TextEncoding::utf8_bom) {
    std::string decoded;
    std::string_view text = decode_source(*content, decoded);
    content = std::string(text);
  }
  if (content->find('\0') != std::string::npos) return std::nullopt;
  return content;
}

}  // namespace

void to_json(nlohmann::json& j, const LicenseSection& s) {
  to_cache_array(j, s.spdx, s.closest, s.confidence, s.kind, s.exception, s.first_line, s.last_line, s.third_party, s.difference);
}

void from_json(const nlohmann::json& j, LicenseSection& s) {
  from_cache_array(j, s.spdx, s.closest, s.confidence, s.kind, s.exception, s.first_line, s.last_line, s.third_party, s.difference);
}

void to_json(nlohmann::json& j, const LicenseMatch& m) {
  to_cache_array(j, m.spdx, m.closest, m.confidence, m.note, m.kind, m.exception, m.grant, m.difference, m.sections);
}

void from_json(const nlohmann::json& j, LicenseMatch& m) {
  from_cache_array(j, m.spdx, m.closest, m.confidence, m.note, m.kind, m.exception, m.grant, m.difference, m.sections);
}

std::vector<LicenseFile> find_license_files(const Snapshot& snap) {
  std::vector<const FileEntry*> entries;
  std::vector<const FileEntry*> by_content;
  std::unordered_map<const FileEntry*, LicenseMatch> known;  // identified while looking
  for (const auto& e : snap.files()) {
    if (e.kind != EntryKind::file) continue;
    if (is_license_path(e.path)) {
      entries.push_back(&e);
    } else if (may_hold_licence(e)) {
      by_content.push_back(&e);
    }
  }
  // Recognised by content: a whole licence text, whatever the file's name. Identifications are
  // kept per blob (BlobCache) for the other revisions of a trend.
  for (const FileEntry* e : by_content) {
    auto m = BlobCache::through<std::optional<LicenseMatch>>(snap, "licence-by-content", *e,
                                                            [&]() -> std::optional<LicenseMatch> {
      auto content = licence_text(snap, *e);
      if (!content || is_lfs_pointer(*content)) return std::nullopt;
      const std::string lower = ascii_lower(content->substr(0, 4096));
      if (lower.find("licen") == std::string::npos && lower.find("permission") == std::string::npos) return std::nullopt;
      LicenseMatch found = identify_license_text(*content);
      if (!found.spdx || found.kind != "text") return std::nullopt;
      return found;
    });
    if (m) {
      entries.push_back(e);
      known.emplace(e, std::move(*m));
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const FileEntry* a, const FileEntry* b) {
    bool ra = a->path.find('/') == std::string::npos, rb = b->path.find('/') == std::string::npos;
    if (ra != rb) return ra;
    return a->path < b->path;
  });
  std::vector<LicenseFile> out;
  for (const FileEntry* e : entries) {
    if (auto found = known.find(e); found != known.end()) {
      out.push_back({e->path, std::move(found->second)});
      continue;
    }
    auto m = BlobCache::through<std::optional<LicenseMatch>>(snap, "licence", *e, [&]() -> std::optional<LicenseMatch> {
      auto content = licence_text(snap, *e);
      if (!content) return std::nullopt;
      if (is_lfs_pointer(*content)) {
        // The licence text is in Git LFS storage, not in the repository: it cannot be identified.
        LicenseMatch lfs;
        lfs.kind = "lfs_pointer";
        lfs.note = "a Git LFS pointer: the licence text is not in the repository";
        return lfs;
      }
      return identify_license_text(*content);
    });
    if (!m) continue;
    if (is_header_template(e->path) && m->kind != "text") {
      // What a source file's header should say: report the licence it names, not a licence.
      if (m->spdx) m->closest = *m->spdx;
      m->spdx.reset();
      m->note = m->closest.empty() ? "licence header template for source files"
                                   : "licence header template for source files (" + m->closest + ")";
      m->kind = "header";
    }
    out.push_back({e->path, std::move(*m)});
  }
  return out;
}

}  // namespace pacte
