#include "checks/base/url.hpp"

#include <utility>

namespace pacte {

std::string redact_credentials(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t scheme_end = text.find("://", i);
    if (scheme_end == std::string_view::npos) break;
    std::size_t authority = scheme_end + 3;
    // The authority ends at the path, the query, the fragment, a space or a quote.
    std::size_t end = authority;
    while (end < text.size() && text[end] != '/' && text[end] != '?' && text[end] != '#' && text[end] != ' ' &&
           text[end] != '\t' && text[end] != '\n' && text[end] != '"' && text[end] != '\'' && text[end] != '>')
      ++end;
    std::size_t at = text.rfind('@', end == 0 ? 0 : end - 1);
    out.append(text.substr(i, authority - i));
    if (at != std::string_view::npos && at >= authority && at < end) {
      out += "***";
      out.append(text.substr(at, end - at));
    } else {
      out.append(text.substr(authority, end - authority));
    }
    i = end;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace pacte

namespace pacte {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// The forge kind of a host name, or "".
std::string kind_of_host(const std::string& host) {
  static constexpr std::pair<std::string_view, std::string_view> kKnown[] = {
      {"github.com", "github"},       {"gitlab.com", "gitlab"},     {"framagit.org", "gitlab"},
      {"salsa.debian.org", "gitlab"}, {"forge.apps.education.fr", "gitlab"}, {"codeberg.org", "gitea"},
      {"bitbucket.org", "bitbucket"},
  };
  for (const auto& [name, kind] : kKnown)
    if (host == name) return std::string(kind);
  for (std::string_view word : {"github", "gitlab", "gitea", "forgejo"})
    if (host.find(word) != std::string::npos) return word == "forgejo" ? "gitea" : std::string(word);
  return "";
}

bool url_safe(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
         c == '~' || c == '/';
}

}  // namespace

Forge forge_of(std::string_view url) {
  std::string host, path;
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    std::string s = lower(url.substr(0, scheme));
    if (s != "https" && s != "http" && s != "ssh" && s != "git") return {};
    std::string_view rest = url.substr(scheme + 3);
    auto slash = rest.find('/');
    if (slash == std::string_view::npos) return {};
    std::string_view authority = rest.substr(0, slash);
    if (auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
    if (auto colon = authority.find(':'); colon != std::string_view::npos) authority = authority.substr(0, colon);  // port
    host = lower(authority);
    path = std::string(rest.substr(slash + 1));
  } else {
    // scp-like: user@host:owner/repo.git
    auto at = url.find('@');
    auto colon = url.find(':');
    if (at == std::string_view::npos || colon == std::string_view::npos || colon < at) return {};
    host = lower(url.substr(at + 1, colon - at - 1));
    path = std::string(url.substr(colon + 1));
  }
  if (auto cut = path.find_first_of("?#"); cut != std::string::npos) path.resize(cut);
  while (!path.empty() && path.back() == '/') path.pop_back();
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".git") == 0) path.resize(path.size() - 4);
  // A repository is at least owner/name; GitLab groups may nest deeper.
  if (host.empty() || path.find('/') == std::string::npos || path.find("..") != std::string::npos) return {};
  for (char c : host)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return {};
  for (unsigned char c : path)
    if (!url_safe(c)) return {};  // a link is built from it: nothing to escape
  Forge forge;
  forge.kind = kind_of_host(host);
  if (forge.kind.empty()) return {};
  forge.web_url = "https://" + host + "/" + path;
  return forge;
}

std::string forge_file_url(const Forge& forge, std::string_view commit, std::string_view path, long long line) {
  if (forge.kind.empty() || forge.web_url.empty() || commit.empty() || path.empty()) return "";
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : path) {
    if (url_safe(c)) encoded += static_cast<char>(c);
    else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  std::string_view middle = forge.kind == "github" ? "/blob/" : forge.kind == "gitlab" ? "/-/blob/" : forge.kind == "gitea" ? "/src/commit/"
                          : forge.kind == "bitbucket"                                                     ? "/src/"
                                                                                                          : "";
  if (middle.empty()) return "";
  std::string out = forge.web_url;
  out.append(middle).append(commit).append("/").append(encoded);
  if (line > 0) out.append(forge.kind == "bitbucket" ? "#lines-" : "#L").append(std::to_string(line));
  return out;
}

std::string strip_credentials(std::string_view text) {
  std::string url(text);
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;  // scp-like (git@host:path) or a local path
  auto host_start = scheme + 3;
  auto path_start = url.find('/', host_start);
  auto at = url.rfind('@', path_start == std::string::npos ? std::string::npos : path_start);
  if (at == std::string::npos || at < host_start) return url;
  return url.substr(0, host_start) + url.substr(at + 1);
}

}  // namespace pacte
