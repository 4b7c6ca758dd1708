// SPDX license expressions (SPDX specification, annex "SPDX license expressions"):
//   compound := or ; or := and ("OR" and)* ; and := with ("AND" with)*
//   with := simple ["WITH" exception] | "(" compound ")"
//   simple := license-id ["+"] | ["DocumentRef-" idstring ":"] "LicenseRef-" idstring
#include <memory>

#include <fmt/format.h>

#include "checks/base/text.hpp"
#include "checks/license/license.hpp"

namespace pacte {

std::string canonical_exception(std::string_view id);  // license_info.cpp

namespace {

bool id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

struct Node {
  enum Kind { leaf, op } kind = leaf;
  std::string text;      // leaf: "MIT", "GPL-2.0+ WITH Classpath-exception-2.0"; op: "AND"/"OR"
  std::vector<std::unique_ptr<Node>> kids;
};

class Parser {
 public:
  Parser(std::string_view s, SpdxExpression& out) : s_(s), out_(out) {}

  std::unique_ptr<Node> parse() {
    skip();
    if (pos_ >= s_.size()) fail(pos_, "the expression is empty");
    auto n = parse_or();
    skip();
    if (pos_ < s_.size()) {
      if (s_[pos_] == ')') fail(pos_, "unbalanced ')'");
      std::size_t at = pos_;
      std::string w = word();
      fail(at, fmt::format("expected AND, OR or WITH, found '{}'", w.empty() ? std::string(1, s_[at]) : w));
    }
    return n;
  }

  std::string error;

 private:
  [[noreturn]] void fail(std::size_t at, std::string msg, std::string_view hint = {}) {
    throw std::invalid_argument(fmt::format("{} at character {}{}", msg, at + 1, hint));
  }
  void skip() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  std::string word() {
    std::size_t b = pos_;
    while (pos_ < s_.size() && (id_char(s_[pos_]) || s_[pos_] == ':')) ++pos_;
    return std::string(s_.substr(b, pos_ - b));
  }
  // Reads an operator keyword if the next word is one; `expected` says which are allowed.
  bool keyword(std::string_view kw) {
    skip();
    std::size_t save = pos_;
    std::string w = word();
    if (w == kw) return true;
    if (ascii_lower(w) == ascii_lower(kw))
      fail(save, fmt::format("operator '{}' must be written in upper case ({})", w, kw));
    pos_ = save;
    return false;
  }

  std::unique_ptr<Node> combine(std::string op, std::unique_ptr<Node> a, std::unique_ptr<Node> b) {
    if (a->kind == Node::op && a->text == op) {
      a->kids.push_back(std::move(b));
      return a;
    }
    auto n = std::make_unique<Node>();
    n->kind = Node::op;
    n->text = std::move(op);
    n->kids.push_back(std::move(a));
    n->kids.push_back(std::move(b));
    return n;
  }

  std::unique_ptr<Node> parse_or() {
    auto left = parse_and();
    while (keyword("OR")) left = combine("OR", std::move(left), parse_and());
    return left;
  }
  std::unique_ptr<Node> parse_and() {
    auto left = parse_with();
    while (keyword("AND")) left = combine("AND", std::move(left), parse_with());
    return left;
  }
  std::unique_ptr<Node> parse_with() {
    skip();
    if (pos_ >= s_.size()) fail(pos_, "a licence id is missing at the end");
    if (s_[pos_] == '(') {
      // Each parenthesis is one level of recursion: a hostile expression of thousands of '('
      // would exhaust the stack. No real licence expression nests this deep.
      if (++depth_ > kMaxDepth) fail(pos_, fmt::format("parentheses nested more than {} deep", kMaxDepth));
      std::size_t open = pos_++;
      skip();
      if (pos_ < s_.size() && s_[pos_] == ')') fail(pos_, "empty parentheses");
      auto inner = parse_or();
      skip();
      if (pos_ >= s_.size() || s_[pos_] != ')') fail(open, "'(' is never closed");
      ++pos_;
      --depth_;
      if (keyword("WITH")) fail(pos_, "WITH must follow a licence id, not a parenthesis");
      return inner;
    }
    if (s_[pos_] == ')') fail(pos_, "a licence id is missing before ')'");
    auto leaf = std::make_unique<Node>();
    leaf->text = license_id();
    if (keyword("WITH")) {
      skip();
      std::size_t at = pos_;
      std::string ex = word();
      if (ex.empty()) fail(at, "an exception id is missing after WITH");
      if (ex.find("AdditionRef-") != std::string::npos) {
        check_ref(ex, at, "AdditionRef-");
      } else if (!is_license_exception(ex)) {
        if (license_info(ex)) fail(at, fmt::format("'{}' is a licence, not an exception: join licences with AND or OR", ex));
        fail(at, fmt::format("unknown SPDX exception id '{}'", ex));
      } else {
        ex = canonical_exception(ex);
      }
      leaf->text += " WITH " + ex;
    }
    return leaf;
  }

  void check_ref(const std::string& w, std::size_t at, std::string_view kind) {
    std::string_view v = w;
    if (v.starts_with("DocumentRef-")) {
      auto colon = v.find(':');
      if (colon == std::string_view::npos || colon == 12)
        fail(at, fmt::format("'{}' must be DocumentRef-<id>:{}<id>", w, kind));
      v.remove_prefix(colon + 1);
    }
    if (!v.starts_with(kind) || v.size() == kind.size() || v.find(':') != std::string_view::npos)
      fail(at, fmt::format("'{}' is not a valid {}<id> reference", w, kind));
  }

  std::string license_id() {
    std::size_t at = pos_;
    std::string w = word();
    if (w.empty()) fail(at, fmt::format("unexpected character '{}'", s_[at]));
    if (w == "AND" || w == "OR" || w == "WITH") fail(at, fmt::format("a licence id is missing before {}", w));
    bool plus = pos_ < s_.size() && s_[pos_] == '+';
    if (plus) ++pos_;
    std::string id;
    if (w.find("LicenseRef-") != std::string::npos || w.starts_with("DocumentRef-")) {
      check_ref(w, at, "LicenseRef-");
      if (plus) fail(pos_ - 1, "'+' cannot follow a LicenseRef");
      id = w;
    } else if (w.find(':') != std::string::npos) {
      fail(at, fmt::format("unexpected ':' in '{}'", w));
    } else if (const LicenseInfo* info = license_info(w)) {
      id = info->id + (plus ? "+" : "");
    } else if (is_license_exception(w)) {
      fail(at, fmt::format("'{}' is an exception: write <licence> WITH {}", w, w));
    } else {
      std::string hint;
      std::string base = w;
      for (const char* suffix : {"-only", "-or-later"}) {
        if (license_info(base + suffix)) {
          hint += (hint.empty() ? "" : " or ") + license_info(base + suffix)->id;
        }
      }
      if (hint.empty() && license_info(base + ".0-only"))
        hint = license_info(base + ".0-only")->id + " or " + license_info(base + ".0-or-later")->id;
      if (hint.empty() && license_info(base + ".0")) hint = license_info(base + ".0")->id;
      fail(at, fmt::format("unknown licence id '{}'", w),
           hint.empty() ? std::string(" (not on the SPDX licence list; use LicenseRef-<name> for others)")
                        : fmt::format(" (did you mean {}?)", hint));
    }
    out_.ids.push_back(id);
    return id;
  }

  std::string_view s_;
  SpdxExpression& out_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  static constexpr int kMaxDepth = 64;
};

std::string render(const Node& n, const char* parent) {
  if (n.kind == Node::leaf) return n.text;
  std::string s;
  for (const auto& k : n.kids) {
    if (!s.empty()) s += " " + n.text + " ";
    s += render(*k, n.text.c_str());
  }
  // OR inside AND needs parentheses; AND inside OR does not, but keeps them for readability.
  if (parent && std::string_view(parent) == "AND" && n.text == "OR") return "(" + s + ")";
  if (parent && std::string_view(parent) == "OR" && n.text == "AND") return "(" + s + ")";
  return s;
}

}  // namespace

std::optional<SpdxExpression> parse_spdx_expression(std::string_view expr, std::string* error) {
  SpdxExpression out;
  try {
    Parser p(expr, out);
    auto root = p.parse();
    out.normalized = render(*root, nullptr);
  } catch (const std::invalid_argument& e) {
    if (error) *error = e.what();
    return std::nullopt;
  }
  return out;
}

std::string license_family(std::string_view spdx_id) {
  std::string id(spdx_id);
  if (id.ends_with("+")) id.pop_back();
  for (std::string_view suffix : {"-only", "-or-later"}) {
    if (id.size() > suffix.size() && ascii_lower(id).ends_with(suffix)) {
      id.erase(id.size() - suffix.size());
      break;
    }
  }
  auto with = ascii_lower(id).find("-with-");
  if (with != std::string::npos && ascii_lower(id).find("gpl-") != std::string::npos) id.resize(with);
  return id;
}

bool license_agrees(const SpdxExpression& declared, std::string_view detected_spdx) {
  if (detected_spdx.empty()) return false;
  const std::string want = ascii_lower(license_family(detected_spdx));
  for (const auto& id : declared.ids) {
    if (ascii_lower(license_family(id)) == want) return true;
  }
  return false;
}

}  // namespace pacte
