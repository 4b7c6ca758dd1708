#include "checks/batch/batch_list.hpp"

#include "checks/base/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

#include "checks/base/yaml_json.hpp"

namespace pacte::batch {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string hex8(std::uint64_t h) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(8, '0');
  auto v = static_cast<std::uint32_t>(h ^ (h >> 32));
  for (int i = 7; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 0xf];
  return out;
}

std::string absolute_from(const std::string& path, const std::string& base) {
  fs::path p(path);
  if (p.is_relative() && !base.empty()) p = fs::path(base) / p;
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = p;
  std::string s = abs.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

bool is_repository_dir(const fs::path& p) {
  std::error_code ec;
  if (fs::exists(p / ".git", ec)) return true;  // working copy (folder, or file for worktrees)
  return fs::is_regular_file(p / "HEAD", ec) && fs::is_directory(p / "objects", ec) && fs::is_directory(p / "refs", ec);
}

}  // namespace

std::uint64_t stable_hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool is_remote(std::string_view loc) {
  auto scheme_end = loc.find("://");
  if (scheme_end != std::string_view::npos && scheme_end > 0) {
    return std::all_of(loc.begin(), loc.begin() + static_cast<std::ptrdiff_t>(scheme_end), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
  }
  // scp-like "user@host:path": an '@' and a ':' before the first '/'.
  auto colon = loc.find(':');
  auto slash = loc.find('/');
  auto at = loc.find('@');
  return colon != std::string_view::npos && at != std::string_view::npos && at < colon &&
         (slash == std::string_view::npos || colon < slash);
}

std::string normalise_location(std::string_view loc) {
  std::string s(loc);
  if (is_remote(s)) {
    auto scheme_end = s.find("://");
    if (scheme_end != std::string::npos) {
      auto host_end = s.find('/', scheme_end + 3);
      if (host_end == std::string::npos) host_end = s.size();
      auto at = s.rfind('@', host_end);
      auto host_begin = at != std::string::npos && at > scheme_end ? at + 1 : scheme_end + 3;
      std::string out = lower(s.substr(0, scheme_end)) + s.substr(scheme_end, host_begin - scheme_end) +
                        lower(s.substr(host_begin, host_end - host_begin)) + s.substr(host_end);
      s = std::move(out);
    }
    while (s.size() > 1 && s.back() == '/' && s.find("://") + 3 < s.size() - 1) s.pop_back();
    return s;
  }
  std::string n = fs::path(s).lexically_normal().string();
  while (n.size() > 1 && n.back() == '/') n.pop_back();
  return n.empty() ? std::string(".") : n;
}

std::string report_stem(std::string_view location, std::string_view key) {
  std::string s(location);
  while (!s.empty() && s.back() == '/') s.pop_back();
  // The last component (and, for URLs, the one before: owner-repo).
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == '/' || c == ':') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  std::string raw;
  if (!parts.empty()) {
    std::string last = parts.back();
    if (last.size() > 4 && last.ends_with(".git")) last.resize(last.size() - 4);
    if (last == ".git" && parts.size() >= 2) last = parts[parts.size() - 2];
    raw = last;
    if (is_remote(location) && parts.size() >= 3) raw = parts[parts.size() - 2] + "-" + last;
  }
  std::string slug;
  for (char c : lower(raw)) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    char out = ok ? c : '-';
    if (out == '-' && (slug.empty() || slug.back() == '-')) continue;
    slug.push_back(out);
  }
  while (!slug.empty() && (slug.front() == '.' || slug.front() == '-')) slug.erase(slug.begin());
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 60) slug.resize(60);
  if (slug.empty()) slug = "repository";
  return slug + "-" + hex8(stable_hash(key));
}

std::string BatchEntry::key() const {
  std::string k = location;
  if (!charter.empty()) k += "\ncharter=" + charter;
  if (!rev.empty()) k += "\nrev=" + rev;
  return k;
}

std::string BatchEntry::stem() const { return report_stem(location, key()); }

std::vector<BatchEntry> parse_list(std::string_view text, const std::string& display_path, const std::string& list_dir) {
  std::vector<BatchEntry> out;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);

    // Tokens: blank-separated, double quotes keep blanks, '#' after a blank ends the line.
    struct Token {
      std::string text;
      int col;
    };
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < line.size()) {
      char c = line[i];
      if (c == ' ' || c == '\t') {
        ++i;
        continue;
      }
      if (c == '#') break;
      Token t{{}, static_cast<int>(i) + 1};
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
        if (line[i] == '"') {
          auto close = line.find('"', i + 1);
          if (close == std::string_view::npos)
            throw InputError(display_path, {line_no, static_cast<int>(i) + 1}, "unterminated double quote; close it with '\"'");
          t.text.append(line.substr(i + 1, close - i - 1));
          i = close + 1;
        } else {
          t.text.push_back(line[i++]);
        }
      }
      tokens.push_back(std::move(t));
    }
    if (tokens.empty()) continue;

    BatchEntry e;
    e.line = line_no;
    bool have_location = false;
    for (const auto& t : tokens) {
      auto eq = t.text.find('=');
      std::string key = eq == std::string::npos ? std::string() : t.text.substr(0, eq);
      if (have_location && eq != std::string::npos) {
        std::string value = t.text.substr(eq + 1);
        if (value.empty())
          throw InputError(display_path, {line_no, t.col}, "'" + key + "=' needs a value");
        if (key == "charter") {
          e.charter = absolute_from(value, list_dir);
        } else if (key == "rev") {
          e.rev = value;
        } else {
          throw InputError(display_path, {line_no, t.col},
                           "unknown option '" + key + "'; a line is LOCATION [charter=PATH] [rev=REV]");
        }
        continue;
      }
      if (have_location)
        throw InputError(display_path, {line_no, t.col},
                         "a second location '" + t.text + "' on one line; write one repository per line (quote paths with blanks)");
      have_location = true;
      e.remote = is_remote(t.text);
      // What is shown (location) never carries credentials; what is fetched (target) does.
      e.location = normalise_location(redact_credentials(t.text));
      e.target = e.remote ? normalise_location(t.text) : absolute_from(e.location, list_dir);
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<BatchEntry> discover_repositories(const std::string& dir, std::vector<UnreadableFolder>* unreadable) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(dir, {}, "not a folder; give a LIST file or a folder of repositories");
  std::vector<BatchEntry> out;
  std::vector<fs::path> pending = {fs::path(dir)};
  auto cannot_list = [&](const fs::path& folder, const std::error_code& why) {
    if (folder == fs::path(dir)) throw InputError(dir, {}, "cannot read the folder: " + why.message());
    if (unreadable) unreadable->push_back({normalise_location(folder.string()), why.message()});
  };
  while (!pending.empty()) {
    fs::path cur = pending.back();
    pending.pop_back();
    // No skip_permission_denied: a folder that cannot be listed must be reported, not taken
    // for an empty one.
    fs::directory_iterator it(cur, ec);
    if (ec) {
      cannot_list(cur, ec);
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const auto& child = *it;
      std::error_code e2;
      if (child.is_symlink(e2) || !child.is_directory(e2)) continue;
      std::string name = child.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      if (is_repository_dir(child.path())) {
        BatchEntry e;
        e.location = normalise_location(child.path().string());
        e.target = absolute_from(e.location, "");
        out.push_back(std::move(e));
      } else {
        pending.push_back(child.path());
      }
    }
    if (ec) cannot_list(cur, ec);
  }
  std::sort(out.begin(), out.end(), [](const BatchEntry& a, const BatchEntry& b) { return a.location < b.location; });
  if (unreadable)
    std::sort(unreadable->begin(), unreadable->end(),
              [](const UnreadableFolder& a, const UnreadableFolder& b) { return a.path < b.path; });
  return out;
}

bool Shard::contains(const BatchEntry& entry) const {
  return count <= 1 || stable_hash(entry.location) % count == index - 1;
}

bool parse_shard(std::string_view text, Shard& shard, std::string& why) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    why = "--shard: expected I/N (for example 2/8), got '" + std::string(text) + "'";
    return false;
  }
  std::uint32_t i = 0, n = 0;
  auto a = std::from_chars(text.data(), text.data() + slash, i);
  auto b = std::from_chars(text.data() + slash + 1, text.data() + text.size(), n);
  if (a.ec != std::errc() || a.ptr != text.data() + slash || b.ec != std::errc() || b.ptr != text.data() + text.size()) {
    why = "--shard: expected I/N with whole numbers (for example 2/8), got '" + std::string(text) + "'";
    return false;
  }
  if (n == 0 || i == 0 || i > n) {
    why = "--shard: I must be between 1 and N (shards count from 1; a 0-based job index needs +1), got '" +
          std::string(text) + "'";
    return false;
  }
  shard = {i, n};
  return true;
}

}  // namespace pacte::batch
