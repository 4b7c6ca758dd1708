#include "checks/a11y/templates.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "checks/a11y/markup.hpp"
#include "checks/base/blob_cache.hpp"
#include "checks/base/parallel.hpp"
#include "checks/a11y/paths.hpp"
#include "checks/a11y/skeleton.hpp"

namespace pacte {
namespace {

using a11y::MarkupAttr;
using a11y::MarkupNode;
using a11y::MarkupTree;


bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  });
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The attribute when it is present with a usable value: dynamic, or static and not blank.
bool has_value(const MarkupNode& n, std::string_view name) {
  const MarkupAttr* a = n.attr(name);
  return a && (a->dynamic || !is_blank(a->value));
}

// The static lower-cased value of an attribute; nullopt when missing or dynamic.
std::optional<std::string> static_value(const MarkupNode& n, std::string_view name) {
  const MarkupAttr* a = n.attr(name);
  if (!a || a->dynamic) return std::nullopt;
  return ascii_lower(trimmed(a->value));
}

bool aria_hidden(const MarkupNode& n) { return static_value(n, "aria-hidden") == "true"; }

// An element nobody perceives: a static `hidden` attribute, an inline style with display: none
// (a submit button kept for a form's Enter key, `<button style={{ display: "none" }}>`), or the
// DSFR and Bootstrap classes that hide at every screen size (`fr-hidden`, `d-none` without a
// `d-*` class showing it again at some size), as on the hidden buttons that open DSFR modals.
bool hidden_from_everyone(const MarkupNode& n) {
  if (const MarkupAttr* h = n.attr("hidden"); h && !h->dynamic) return true;
  if (const MarkupAttr* cls = n.attr("class"); cls && !cls->dynamic) {
    bool fr_hidden = false, d_none = false, shown_again = false;
    std::string_view rest = cls->value;
    while (!rest.empty()) {
      std::size_t start = rest.find_first_not_of(" \t\r\n");
      if (start == std::string_view::npos) break;
      rest.remove_prefix(start);
      std::size_t end = rest.find_first_of(" \t\r\n");
      std::string_view token = rest.substr(0, end);
      if (token == "fr-hidden") fr_hidden = true;
      else if (token == "d-none") d_none = true;
      else if (token.rfind("d-", 0) == 0 || token.rfind("fr-unhidden", 0) == 0) shown_again = true;
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    }
    if ((fr_hidden || d_none) && !shown_again) return true;
  }
  const MarkupAttr* style = n.attr("style");
  if (!style) return false;
  std::string compact;
  for (char c : ascii_lower(style->value)) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '"' && c != '\'') compact += c;
  }
  return compact.find("display:none") != std::string::npos;
}

bool presentational(const MarkupNode& n) {
  auto role = static_value(n, "role");
  return role == "presentation" || role == "none";
}

bool named_by_attributes(const MarkupNode& n) {
  if (has_value(n, "aria-label") || has_value(n, "aria-labelledby") || has_value(n, "title"))
    return true;
  // Content set from an expression: Vue v-html/v-text, React, Angular, Alpine.
  for (std::string_view a : {"v-html", "v-text", "dangerouslysetinnerhtml", "children",
                             "innerhtml", "innertext", "textcontent", "x-text", "x-html"}) {
    if (n.attr(a)) return true;
  }
  return false;
}

// Whether `n` (or its content) gives an accessible name to the link or button it is in.
// Unknown content (components, spread props, slots) counts as a name: precision first.
bool gives_name(const MarkupNode& n, bool root) {
  if (!root && aria_hidden(n)) return false;
  if (n.component || n.unknown_attrs) return true;
  if (named_by_attributes(n)) return true;
  if (n.tag == "img" || n.tag == "area") return has_value(n, "alt");
  if (n.tag == "input") return static_value(n, "type") == "image" && has_value(n, "alt");
  if (n.tag == "slot") return true;
  if (n.tag == "script" || n.tag == "style") return false;
  if (n.tag == "svg") {
    for (const auto& c : n.children) {
      if (c.tag == "title" && c.has_text) return true;
    }
    return false;
  }
  if (n.has_text) return true;
  return std::any_of(n.children.begin(), n.children.end(),
                     [](const MarkupNode& c) { return gives_name(c, false); });
}

bool contains_unnamed_image(const MarkupNode& n) {
  for (const auto& c : n.children) {
    if ((c.tag == "img" || c.tag == "svg") && !aria_hidden(c)) return true;
    if (contains_unnamed_image(c)) return true;
  }
  return false;
}

struct CheckInfo {
  std::string_view check;
  std::string_view rgaa;
  std::string_view wcag;
  // The markup without which the check cannot fire: the elements it judges (HTML parsers read
  // `<image>` as `<img>`, and gumbo's `<isindex>` as a form with an `<input>`) and the
  // attributes it reads on any element. A page holding none of any check's is not parsed.
  std::array<std::string_view, 3> tags;
  std::string_view attribute;
};

const CheckInfo kChecks[] = {
    {"img-alt", "1.1", "1.1.1", {"img", "image"}, {}},
    {"area-alt", "1.1", "1.1.1", {"area"}, {}},
    {"input-image-alt", "1.1", "1.1.1", {"input", "isindex"}, {}},
    // The page checks judge the document element, and only when `<html>` is written.
    {"html-lang", "8.3", "3.1.1", {"html"}, {}},
    {"page-title", "8.5", "2.4.2", {"html"}, {}},
    {"form-label", "11.1", "1.3.1, 4.1.2", {"input", "select", "textarea"}, {}},
    {"link-name", "6.2", "2.4.4", {"a"}, {}},
    {"button-name", "11.9", "4.1.2", {"button"}, {}},
    {"frame-title", "2.1", "4.1.2", {"iframe", "frame"}, {}},
    {"viewport-zoom", "10.4", "1.4.4", {"meta"}, {}},
    {"tabindex-positive", "12.8", "2.4.3", {}, "tabindex"},
    {"blink-marquee", "13.8", "2.2.2", {"blink", "marquee"}, {}},
    {"meta-refresh", "13.1", "2.2.1", {"meta"}, {}},
};

const CheckInfo& check_info(std::string_view check) {
  for (const auto& info : kChecks) {
    if (info.check == check) return info;
  }
  throw std::out_of_range("no accessibility check named " + std::string(check));
}

// Every tag and attribute of `kChecks`, for the scan that decides whether a page is parsed.
const a11y::MarkupPresence& checked_markup() {
  static const a11y::MarkupPresence presence = [] {
    std::set<std::string> tags;
    std::set<std::string> attributes;
    for (const auto& info : kChecks) {
      for (auto tag : info.tags) {
        if (!tag.empty()) tags.emplace(tag);
      }
      if (!info.attribute.empty()) attributes.emplace(info.attribute);
    }
    return a11y::MarkupPresence({tags.begin(), tags.end()}, {attributes.begin(), attributes.end()});
  }();
  return presence;
}

// The opening tag as written, on one line, at most 200 bytes (cut at a character boundary).
std::string opening_tag(std::string_view source, std::size_t begin, std::size_t end) {
  if (begin >= source.size()) return {};
  end = std::min(std::max(end, begin + 1), source.size());
  std::string out;
  bool space = false;
  for (char c : source.substr(begin, end - begin)) {
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (ws) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  constexpr std::size_t kMax = 200;
  if (out.size() > kMax) {
    std::size_t cut = kMax - 3;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out += "...";
  }
  return to_valid_utf8(out);
}

class Checker {
 public:
  Checker(std::string_view path, std::string_view source, TemplateKind kind)
      : path_(path), source_(source), kind_(kind) {}

  std::vector<A11yDefect> run(const MarkupTree& tree) {
    for (const auto& root : tree.roots) collect_labels(root);
    page_checks(tree);
    Context ctx;
    for (const auto& root : tree.roots) walk(root, ctx, nullptr);
    std::stable_sort(defects_.begin(), defects_.end(), [](const A11yDefect& a, const A11yDefect& b) {
      return a.evidence.line < b.evidence.line;
    });
    return std::move(defects_);
  }

 private:
  struct Context {
    bool in_label = false;
    bool in_form_component = false;  // a component that may render the label
  };

  void report(std::string_view check, std::size_t offset, std::size_t tag_end, Text message) {
    A11yDefect d;
    const CheckInfo& info = check_info(check);
    d.check = std::string(check);
    d.rgaa = std::string(info.rgaa);
    d.wcag = std::string(info.wcag);
    d.message = std::move(message);
    d.evidence.path = to_valid_utf8(path_);
    d.evidence.line = line_at(source_, std::min(offset, source_.size()));
    d.evidence.snippet = opening_tag(source_, offset, tag_end);
    defects_.push_back(std::move(d));
  }

  void report(std::string_view check, const MarkupNode& n, Text message) {
    report(check, n.offset, n.tag_end, std::move(message));
  }

  void collect_labels(const MarkupNode& n) {
    if (n.tag == "label" && !n.component) {
      if (const MarkupAttr* a = n.attr("for")) {
        any_label_for_ = true;
        if (a->dynamic) dynamic_label_for_ = true;
        else label_for_.insert(std::string(trimmed(a->value)));
      }
      if (n.unknown_attrs) dynamic_label_for_ = true;
    }
    for (const auto& c : n.children) collect_labels(c);
  }

  void page_checks(const MarkupTree& tree) {
    if (!tree.html_tag || tree.html_unknown_attrs || decorated_by_layout()) return;
    bool lang = false;
    for (const auto& a : tree.html_attrs) {
      if ((a.name == "lang" || a.name == "xml:lang") && (a.dynamic || !is_blank(a.value))) lang = true;
    }
    std::size_t html_end = source_.find('>', tree.html_offset);
    html_end = html_end == std::string_view::npos ? source_.size() : html_end + 1;
    // HAML and Slim write no '>': the element is its line.
    if (kind_ == TemplateKind::haml || kind_ == TemplateKind::slim) html_end = std::min(html_end, source_.find('\n', tree.html_offset));
    if (!lang) {
      report("html-lang", tree.html_offset, html_end,
             {"The page does not declare its language: <html> has no lang attribute",
              "La page ne déclare pas sa langue : <html> n'a pas d'attribut lang"});
    }
    // Title: only for documents parsed as HTML (JSX and Vue pages set it from code), and only
    // when no template tag before <body> could bring it in.
    if (kind_ == TemplateKind::jsx || kind_ == TemplateKind::vue) return;
    if (!tree.has_title && !tree.head_has_template) {
      report("page-title", tree.html_offset, html_end,
             {"The page has no <title>", "La page n'a pas d'élément <title>"});
    } else if (tree.has_title && tree.title_empty) {
      std::size_t end = source_.find('>', tree.title_offset);
      report("page-title", tree.title_offset, end == std::string_view::npos ? source_.size() : end + 1,
             {"The page <title> is empty", "L'élément <title> de la page est vide"});
    }
  }

  /// Whether the page is a Grails view decorated by a SiteMesh layout (`<meta name="layout"
  /// content="main"/>`): the layout writes the real <html> and <title>, the view's are dropped.
  bool decorated_by_layout() const {
    if (!ascii_lower(path_).ends_with(".gsp")) return false;
    return source_.find("name=\"layout\"") != std::string_view::npos ||
           source_.find("name='layout'") != std::string_view::npos;
  }

  void walk(const MarkupNode& n, Context ctx, const MarkupNode* parent) {
    if (!n.component) element_checks(n, ctx, parent);
    if (n.tag == "label" && !n.component) ctx.in_label = true;
    if (n.component && may_render_label(n)) ctx.in_form_component = true;
    for (const auto& c : n.children) walk(c, ctx, &n);
  }

  static bool may_render_label(const MarkupNode& component) {
    std::string name = ascii_lower(component.tag);
    for (std::string_view word : {"label", "field", "form", "control", "input", "group"}) {
      if (name.find(word) != std::string::npos) return true;
    }
    return std::any_of(component.attrs.begin(), component.attrs.end(), [](const MarkupAttr& a) {
      return a.name.find("label") != std::string::npos;
    });
  }

  void element_checks(const MarkupNode& n, const Context& ctx, const MarkupNode* parent) {
    const std::string& tag = n.tag;
    if (tag == "img") check_img(n);
    else if (tag == "area") check_area(n);
    else if (tag == "input" || tag == "select" || tag == "textarea") {
      check_input_image(n);
      check_field(n, ctx, parent);
    } else if (tag == "a") check_link(n);
    else if (tag == "button") check_button(n);
    else if (tag == "iframe" || tag == "frame") check_frame(n);
    else if (tag == "meta") check_meta(n);
    else if (tag == "blink" || tag == "marquee") {
      report("blink-marquee", n,
             {"<" + tag + "> makes content move or blink with no way to stop it",
              "<" + tag + "> fait clignoter ou défiler du contenu sans moyen de l'arrêter"});
    }
    check_tabindex(n);
  }

  static bool has_text_alternative(const MarkupNode& n) {
    return n.attr("alt") || has_value(n, "aria-label") || has_value(n, "aria-labelledby") ||
           has_value(n, "title");
  }

  void check_img(const MarkupNode& n) {
    if (n.unknown_attrs || presentational(n) || aria_hidden(n) || has_text_alternative(n)) return;
    report("img-alt", n,
           {"Image without a text alternative: add alt (alt=\"\" when it is decorative)",
            "Image sans alternative textuelle : ajouter alt (alt=\"\" si elle est décorative)"});
  }

  void check_area(const MarkupNode& n) {
    if (n.unknown_attrs || !n.attr("href") || aria_hidden(n) || has_text_alternative(n)) return;
    report("area-alt", n,
           {"Image map area without a text alternative (alt)",
            "Zone cliquable d'image réactive sans alternative textuelle (alt)"});
  }

  void check_input_image(const MarkupNode& n) {
    if (n.tag != "input" || n.unknown_attrs || static_value(n, "type") != "image") return;
    if (aria_hidden(n) || has_text_alternative(n)) return;
    report("input-image-alt", n,
           {"Image button (<input type=image>) without a text alternative (alt)",
            "Bouton image (<input type=image>) sans alternative textuelle (alt)"});
  }

  void check_field(const MarkupNode& n, const Context& ctx, const MarkupNode* parent) {
    if (n.unknown_attrs || ctx.in_label || ctx.in_form_component) return;
    if (n.tag == "input") {
      const MarkupAttr* type = n.attr("type");
      if (type && type->dynamic) return;
      std::string t = type ? ascii_lower(trimmed(type->value)) : "text";
      if (t == "hidden" || t == "submit" || t == "button" || t == "reset" || t == "image") return;
    }
    if (n.attr("hidden") || aria_hidden(n)) return;
    if (has_value(n, "aria-label") || has_value(n, "aria-labelledby") || has_value(n, "title")) return;
    if (const MarkupAttr* id = n.attr("id")) {
      if (id->dynamic ? any_label_for_ : (dynamic_label_for_ || label_for_.count(std::string(trimmed(id->value))) > 0))
        return;
    }
    // A sibling label component (`<FormLabel>`) may be wired to the field by its parent.
    if (parent) {
      for (const auto& sibling : parent->children) {
        if (sibling.component && ascii_lower(sibling.tag).find("label") != std::string::npos) return;
      }
    }
    std::string what = n.tag == "input" ? "<input>" : "<" + n.tag + ">";
    bool placeholder = has_value(n, "placeholder");
    Text message{"Form field " + what + " without a label (no <label for>, enclosing <label>, "
                 "aria-label, aria-labelledby or title)" +
                     (placeholder ? std::string("; a placeholder is not a label") : ""),
                 "Champ de formulaire " + what + " sans étiquette (ni <label for>, ni <label> "
                 "englobant, ni aria-label, aria-labelledby ou title)" +
                     (placeholder ? std::string(" ; un placeholder n'est pas une étiquette") : "")};
    report("form-label", n, std::move(message));
  }

  void check_link(const MarkupNode& n) {
    if (!n.attr("href") || aria_hidden(n) || hidden_from_everyone(n) || presentational(n) || gives_name(n, true))
      return;
    if (contains_unnamed_image(n)) {
      report("link-name", n,
             {"Link whose only content is an image without a text alternative: it has no name",
              "Lien dont le seul contenu est une image sans alternative textuelle : il n'a pas "
              "d'intitulé"});
    } else {
      report("link-name", n,
             {"Link without an accessible name (no text, aria-label or title)",
              "Lien sans intitulé accessible (ni texte, ni aria-label, ni title)"});
    }
  }

  void check_button(const MarkupNode& n) {
    if (aria_hidden(n) || hidden_from_everyone(n) || gives_name(n, true)) return;
    if (contains_unnamed_image(n)) {
      report("button-name", n,
             {"Button whose only content is an image or icon without a text alternative",
              "Bouton dont le seul contenu est une image ou une icône sans alternative textuelle"});
    } else {
      report("button-name", n,
             {"Button without an accessible name (no text, aria-label or title)",
              "Bouton sans intitulé accessible (ni texte, ni aria-label, ni title)"});
    }
  }

  void check_frame(const MarkupNode& n) {
    if (n.unknown_attrs || aria_hidden(n)) return;
    if (has_value(n, "title") || has_value(n, "aria-label") || has_value(n, "aria-labelledby")) return;
    report("frame-title", n,
           {"<" + n.tag + "> without a title attribute", "<" + n.tag + "> sans attribut title"});
  }

  void check_meta(const MarkupNode& n) {
    if (n.unknown_attrs) return;
    auto content = static_value(n, "content");
    if (!content) return;
    if (static_value(n, "name") == "viewport") {
      check_viewport(n, *content);
    } else if (static_value(n, "http-equiv") == "refresh") {
      // "5; url=/next": a delay before the number's end. "0" redirects at once: accepted.
      const char* begin = content->c_str();
      char* end = nullptr;
      double delay = std::strtod(begin, &end);
      if (end != begin && delay > 0) {
        report("meta-refresh", n,
               {"The page refreshes or redirects itself after a delay (meta http-equiv=refresh)",
                "La page se recharge ou redirige d'elle-même après un délai (meta "
                "http-equiv=refresh)"});
      }
    }
  }

  void check_viewport(const MarkupNode& n, const std::string& content) {
    // "width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no"
    std::size_t b = 0;
    bool blocks = false;
    while (b < content.size()) {
      std::size_t e = content.find_first_of(",;", b);
      if (e == std::string::npos) e = content.size();
      std::string_view item = trimmed(std::string_view(content).substr(b, e - b));
      auto eq = item.find('=');
      if (eq != std::string_view::npos) {
        std::string_view key = trimmed(item.substr(0, eq));
        std::string value(trimmed(item.substr(eq + 1)));
        if (key == "user-scalable" && (value == "no" || value == "0")) blocks = true;
        if (key == "maximum-scale") {
          char* end = nullptr;
          double scale = std::strtod(value.c_str(), &end);
          if (end != value.c_str() && scale < 2) blocks = true;
        }
      }
      b = e + 1;
    }
    if (blocks) {
      report("viewport-zoom", n,
             {"The viewport blocks zooming (user-scalable=no or maximum-scale below 2)",
              "Le viewport empêche le zoom (user-scalable=no ou maximum-scale inférieur à 2)"});
    }
  }

  void check_tabindex(const MarkupNode& n) {
    auto value = static_value(n, "tabindex");
    if (!value || value->empty()) return;
    char* end = nullptr;
    long v = std::strtol(value->c_str(), &end, 10);
    if (*end != '\0' || v <= 0) return;
    report("tabindex-positive", n,
           {"Positive tabindex (" + *value + ") changes the keyboard order",
            "Un tabindex positif (" + *value + ") modifie l'ordre de tabulation"});
  }

  std::string_view path_;
  std::string_view source_;
  TemplateKind kind_;
  std::set<std::string> label_for_;
  bool any_label_for_ = false;
  bool dynamic_label_for_ = false;
  std::vector<A11yDefect> defects_;
};

std::string_view extension_of(std::string_view lower_base) {
  auto dot = lower_base.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : lower_base.substr(dot);
}

}  // namespace

TemplateKind template_kind(std::string_view path) {
  std::string lower = ascii_lower(path_basename(path));
  std::string_view ext = extension_of(lower);
  if (lower.ends_with(".html.erb") || ext == ".erb" || ext == ".ejs" || ext == ".rhtml")
    return TemplateKind::erb;
  if (ext == ".twig") return TemplateKind::twig;
  if (ext == ".j2" || ext == ".jinja" || ext == ".jinja2" || ext == ".njk") return TemplateKind::jinja;
  if (ext == ".jsx" || ext == ".tsx") return TemplateKind::jsx;
  if (ext == ".vue") return TemplateKind::vue;
  if (ext == ".haml") return TemplateKind::haml;
  if (ext == ".slim") return TemplateKind::slim;
  if (ext == ".svelte") return TemplateKind::svelte;
  if (ext == ".php" || ext == ".phtml") return TemplateKind::php;
  // JSP and GSP pages: their <% %>, <%-- --%> and <%@ %> tags are blanked like ERB's.
  if (ext == ".jsp" || ext == ".jspf" || ext == ".gsp") return TemplateKind::erb;
  if (ext == ".html" || ext == ".htm") {
    auto segments = a11y::path_segments(path);
    if (!segments.empty()) segments.pop_back();
    for (auto seg : segments) {
      if (seg == "templates") return TemplateKind::jinja;  // Django, Flask, Jinja layouts
    }
    return TemplateKind::html;
  }
  if (ext == ".xhtml" || ext == ".shtml" || ext == ".hbs" || ext == ".handlebars" ||
      ext == ".mustache")
    return TemplateKind::html;
  return TemplateKind::other;
}

namespace {

// The JSX tree of a `.js`/`.mjs`/`.cjs` file when it holds at least one complete JSX element,
// else nullopt: only the tokenizer can tell a script that renders markup from one that compares
// numbers, and its tree is kept so that the page is not tokenized twice.
std::optional<MarkupTree> script_jsx(std::string_view path, std::string_view content) {
  std::string lower = ascii_lower(path_basename(path));
  std::string_view ext = extension_of(lower);
  if ((ext != ".js" && ext != ".mjs" && ext != ".cjs") || content.find('<') == std::string_view::npos)
    return std::nullopt;
  bool found = false;
  MarkupTree tree = a11y::parse_jsx(content, &found);
  if (!found) return std::nullopt;
  return tree;
}

// The defects of a page of a known kind. `tree` is its tree when already parsed (a `.js` file
// found to hold JSX); else the page is parsed only when it holds markup some check reads, and
// `parsed` says whether it was.
std::vector<A11yDefect> check_page(std::string_view path, std::string_view content, TemplateKind kind,
                                   std::optional<MarkupTree> tree, bool& parsed) {
  parsed = false;
  if (kind == TemplateKind::other) return {};
  if (!tree) {
    // HAML and Slim write no angle brackets: the markup checks read is looked for in the HTML
    // skeleton they translate to. Svelte is HTML with expressions: its source is scanned.
    if (kind == TemplateKind::haml || kind == TemplateKind::slim) {
      a11y::HtmlSkeleton skeleton = kind == TemplateKind::haml ? a11y::haml_to_html(content) : a11y::slim_to_html(content);
      if (!holds_checked_markup(skeleton.html)) return {};
      tree = a11y::parse_skeleton(skeleton);
    } else {
      if (!holds_checked_markup(content)) return {};
      switch (kind) {
        case TemplateKind::jsx: tree = a11y::parse_jsx(content); break;
        case TemplateKind::vue: tree = a11y::parse_vue(content); break;
        case TemplateKind::svelte: tree = a11y::parse_skeleton(a11y::svelte_to_html(content)); break;
        default: tree = a11y::parse_html(content); break;
      }
    }
  }
  parsed = true;
  return Checker(path, content, kind).run(*tree);
}

}  // namespace

TemplateKind template_kind(std::string_view path, std::string_view content) {
  TemplateKind kind = template_kind(path);
  if (kind != TemplateKind::other) return kind;
  return script_jsx(path, content) ? TemplateKind::jsx : TemplateKind::other;
}

std::string_view template_kind_name(TemplateKind kind) {
  switch (kind) {
    case TemplateKind::html: return "html";
    case TemplateKind::jsx: return "jsx";
    case TemplateKind::vue: return "vue";
    case TemplateKind::twig: return "twig";
    case TemplateKind::jinja: return "jinja";
    case TemplateKind::erb: return "erb";
    case TemplateKind::php: return "php";
    case TemplateKind::haml: return "haml";
    case TemplateKind::slim: return "slim";
    case TemplateKind::svelte: return "svelte";
    case TemplateKind::other: return "other";
  }
  return "other";
}

const std::vector<std::string>& a11y_check_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& info : kChecks) out.emplace_back(info.check);
    return out;
  }();
  return names;
}

bool holds_checked_markup(std::string_view content) { return checked_markup().found_in(content); }

std::vector<std::string_view> a11y_check_markup(std::string_view check) {
  const CheckInfo& info = check_info(check);
  std::vector<std::string_view> out;
  for (auto tag : info.tags) {
    if (!tag.empty()) out.push_back(tag);
  }
  if (!info.attribute.empty()) out.push_back(info.attribute);
  return out;
}

std::vector<A11yDefect> check_template(std::string_view path, std::string_view content) {
  TemplateKind kind = template_kind(path);
  std::optional<MarkupTree> tree;
  if (kind == TemplateKind::other) {
    tree = script_jsx(path, content);
    if (!tree) return {};
    kind = TemplateKind::jsx;
  }
  bool parsed = false;
  return check_page(path, content, kind, std::move(tree), parsed);
}

namespace {

// The words of a path: every folder name and the file name, split at '_', '-', '.', ' ' and at
// lower-to-upper case changes, lower-cased.
std::vector<std::string> path_words(std::string_view path) {
  std::vector<std::string> out;
  std::string word;
  char prev = 0;
  auto flush = [&] {
    if (!word.empty()) out.push_back(ascii_lower(word));
    word.clear();
  };
  for (char c : path) {
    bool sep = c == '/' || c == '_' || c == '-' || c == '.' || c == ' ';
    if (sep) {
      flush();
    } else {
      if (std::isupper(static_cast<unsigned char>(c)) && std::islower(static_cast<unsigned char>(prev))) flush();
      word += c;
    }
    prev = c;
  }
  flush();
  return out;
}

bool has_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> wanted) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return std::find(wanted.begin(), wanted.end(), w) != wanted.end();
  });
}

bool is_asset_folder(std::string_view segment) {
  static const std::set<std::string, std::less<>> kAssets = {
      "public", "static", "assets", "javascripts", "js", "scripts", "www", "web", "webapp",
      "resources", "wwwroot", "htdocs", "media"};
  return kAssets.count(ascii_lower(segment)) > 0;
}

bool is_third_party_folder(std::string_view segment) {
  static const std::set<std::string, std::less<>> kThirdParty = {
      "lib", "libs", "plugins", "plugin", "vendors", "external", "externals", "thirdparty",
      "bower", "packages", "webjars", "jspm_packages"};
  return kThirdParty.count(ascii_lower(segment)) > 0;
}

// Content markers of HTML rendered to PDF by a server-side engine.
bool pdf_rendered(std::string_view content) {
  static const LiteralSet kMarkers({"@page", "wicked_pdf", "wkhtmltopdf", "weasyprint", "pdfkit",
                                    "openhtmltopdf", "-fs-pdf", "PDFKit", "WeasyPrint"});
  return kMarkers.found_in(content);
}

// A documentation generator named by `<meta name="generator" content="...">` in the head.
bool generated_documentation(std::string_view content) {
  std::string head = ascii_lower(content.substr(0, 4096));
  auto p = head.find("name=\"generator\"");
  if (p == std::string::npos) return head.find("generated by javadoc") != std::string::npos;
  std::string_view around = std::string_view(head).substr(p > 200 ? p - 200 : 0, 400);
  for (std::string_view tool : {"javadoc", "doxygen", "sphinx", "jsdoc", "typedoc", "rdoc",
                                "yard", "mkdocs", "docfx", "pandoc", "asciidoctor", "phpdoc"}) {
    if (around.find(tool) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string page_exclusion(std::string_view path, std::string_view content) {
  auto segments = a11y::path_segments(path);
  if (segments.empty()) return {};
  std::string base = ascii_lower(segments.back());
  std::vector<std::string_view> folders(segments.begin(), segments.end() - 1);
  if (a11y::is_test_path(path)) return "test_or_fixture";
  if (base.find(".min.") != std::string::npos) return "minified";
  static const std::set<std::string, std::less<>> kGenerated = {
      "generated", "_site", "htmlcov", "storybook-static", "_build", "apidoc", "jsdoc", "gen"};
  bool html_file = template_kind(path) == TemplateKind::html;
  for (std::size_t i = 0; i < folders.size(); ++i) {
    std::string lower = ascii_lower(folders[i]);
    if (lower == "javadoc" || lower == "apidocs" || lower == "doc-files") return "javadoc";
    if (lower.rfind("jquery", 0) == 0) return html_file ? "plugin_demo" : "vendored";
    if (i + 1 < folders.size() && is_asset_folder(folders[i]) && is_third_party_folder(folders[i + 1]))
      return html_file ? "plugin_demo" : "vendored";
    if (lower == "public" && i + 1 < folders.size() &&
        (ascii_lower(folders[i + 1]) == "assets" || ascii_lower(folders[i + 1]) == "packs"))
      return "generated";
  }
  if (a11y::in_vendored_folder(path)) return "vendored";
  for (auto folder : folders) {
    if (kGenerated.count(ascii_lower(folder)) > 0) return "generated";
  }
  if (base == "package.html") return "javadoc";
  bool java_tree = std::any_of(folders.begin(), folders.end(), [](std::string_view f) {
    return f == "java" || f == "src";
  });
  if (base == "overview.html" && java_tree) return "javadoc";
  std::string folder_path;
  for (auto f : folders) folder_path.append(f).append("/");
  auto folder_words = path_words(folder_path);
  auto dot = base.find('.', 1);
  auto stem_words = path_words(base.substr(0, dot));
  auto all_words = path_words(base);
  all_words.insert(all_words.end(), folder_words.begin(), folder_words.end());
  if (has_word(all_words, {"pdf", "pdfs"})) return "pdf_template";
  // An e-mail: a folder says so, or the file name ends with the word (`welcome_email.html`);
  // `email.html` alone may be the page where users manage their address.
  bool email_name = has_word(stem_words, {"mailer", "mailers", "mjml"}) ||
                    (stem_words.size() >= 2 && has_word({stem_words.back()}, {"mail", "email", "courriel"}));
  if (email_name || has_word(folder_words, {"mail", "mails", "mailer", "mailers", "email", "emails",
                                            "courriel", "courriels", "newsletter", "newsletters", "mjml"}))
    return "email_template";
  if (has_word(all_words, {"letter", "letters", "lettre", "lettres", "courrier", "courriers", "postal"}))
    return "letter_template";
  if (html_file && !stem_words.empty() &&
      has_word({stem_words.front()}, {"license", "licence", "licenses", "licences", "copying", "copyright", "notice", "eula"}))
    return "licence_text";
  if (has_word(folder_words, {"demo", "demos", "example", "examples", "sample", "samples"}) ||
      (!stem_words.empty() && has_word({stem_words.front()}, {"demo", "demos", "example", "examples"})))
    return "plugin_demo";
  if (!content.empty()) {
    if (generated_documentation(content))
      return ascii_lower(content.substr(0, 4096)).find("javadoc") != std::string::npos ? "javadoc" : "generated";
    if (pdf_rendered(content)) return "pdf_template";
    static const LiteralSet kMjml({"<mjml", "<mj-"});
    if (kMjml.found_in(content))
      return "email_template";
  }
  return {};
}

bool is_checked_template_path(std::string_view path) {
  std::string lower = ascii_lower(path_basename(path));
  std::string_view ext = extension_of(lower);
  bool candidate = template_kind(path) != TemplateKind::other || ext == ".js" || ext == ".mjs" ||
                   ext == ".cjs";
  if (!candidate) return false;
  return page_exclusion(path).empty();
}

PageSelection PageSelection::from_globs(const std::vector<std::string>& globs) {
  PageSelection out;
  for (const auto& g : globs) {
    if (!g.empty() && g[0] == '!') out.include.push_back(g.substr(1));
    else if (!g.empty()) out.exclude.push_back(g);
  }
  return out;
}

constexpr std::uint64_t kMaxTemplateSize = 2ull << 20;

void to_json(nlohmann::json& j, const A11yDefect& d) { to_cache_array(j, d.check, d.rgaa, d.wcag, d.message, d.evidence); }

void from_json(const nlohmann::json& j, A11yDefect& d) { from_cache_array(j, d.check, d.rgaa, d.wcag, d.message, d.evidence); }

void to_json(nlohmann::json& j, const PageOutcome& p) { to_cache_array(j, p.page, p.exclusion, p.defects, p.parsed); }

void from_json(const nlohmann::json& j, PageOutcome& p) { from_cache_array(j, p.page, p.exclusion, p.defects, p.parsed); }

namespace a11y {
// A file that may be a page, once the exclusions by path are applied.
struct PageCandidate {
  const FileEntry* entry;
  bool forced;   // the charter's include globs name it
  bool by_path;  // a template by its name (else a script that may hold JSX)
};
}  // namespace a11y

namespace {

using a11y::PageCandidate;

// The files that may be pages, in path order; those left out by path are counted in
// `left_out` by reason.
std::vector<PageCandidate> page_candidates(const Snapshot& snapshot, const PageSelection& selection,
                                           std::map<std::string, std::size_t>& left_out) {
  // Folders that hold a third-party package copy: a bower manifest or a jQuery plugin manifest.
  std::vector<std::string> package_roots;
  for (const auto& entry : snapshot.files()) {
    std::string base = ascii_lower(path_basename(entry.path));
    if (base == "bower.json" || base == ".bower.json" || base.ends_with(".jquery.json")) {
      auto slash = entry.path.rfind('/');
      if (slash != std::string::npos) package_roots.push_back(entry.path.substr(0, slash + 1));
    }
  }
  std::vector<Glob> include, exclude;
  for (const auto& g : selection.include) include.emplace_back(g);
  for (const auto& g : selection.exclude) exclude.emplace_back(g);
  auto matches_any = [](const std::vector<Glob>& globs, std::string_view path) {
    return std::any_of(globs.begin(), globs.end(), [&](const Glob& g) { return g.match(path); });
  };
  std::vector<PageCandidate> candidates;
  for (const auto& entry : snapshot.files()) {
    if (entry.kind != EntryKind::file) continue;
    std::string lower = ascii_lower(path_basename(entry.path));
    std::string_view ext = extension_of(lower);
    bool maybe_jsx = ext == ".js" || ext == ".mjs" || ext == ".cjs";
    bool by_path = template_kind(entry.path) != TemplateKind::other;
    if (!by_path && !maybe_jsx) continue;
    bool forced = matches_any(include, entry.path);
    // `.js` files count only once their content shows JSX, so those left out by path alone are
    // not counted: most are plain scripts.
    auto leave_out = [&](const std::string& reason) {
      if (by_path) ++left_out[reason];
    };
    if (entry.size > kMaxTemplateSize) {
      leave_out("too_large");
      continue;
    }
    if (!forced && matches_any(exclude, entry.path)) {
      leave_out("charter_exclude");
      continue;
    }
    std::string reason = forced ? std::string() : page_exclusion(entry.path);
    if (reason.empty() && !forced) {
      for (const auto& root : package_roots) {
        if (entry.path.compare(0, root.size(), root) == 0) {
          reason = template_kind(entry.path) == TemplateKind::html ? "plugin_demo" : "vendored";
          break;
        }
      }
    }
    if (!reason.empty()) {
      leave_out(reason);
      continue;
    }
    candidates.push_back({&entry, forced, by_path});
  }
  return candidates;
}

// What a candidate's content makes of it (null content: it could not be read).
PageOutcome judge_page(const PageCandidate& candidate, const FileContent* held) {
  PageOutcome out;
  if (!held || is_lfs_pointer(held->bytes())) return out;
  const FileEntry& entry = *candidate.entry;
  const std::string_view content = held->bytes();
  TemplateKind kind = template_kind(entry.path);
  std::optional<MarkupTree> tree;
  if (!candidate.by_path) {
    tree = script_jsx(entry.path, content);
    if (!tree) return out;
    kind = TemplateKind::jsx;
  }
  out.page = true;
  if (!candidate.forced) out.exclusion = page_exclusion(entry.path, content);
  if (out.exclusion.empty()) out.defects = check_page(entry.path, content, kind, std::move(tree), out.parsed);
  return out;
}

}  // namespace

struct PageJudgements::State {
  std::vector<PageCandidate> candidates;           // in path order, for scan_templates
  std::map<std::string, std::size_t> left_out;    // by path, for scan_templates
  std::unordered_map<const FileEntry*, std::size_t> index;  // entry -> candidates[i]
  std::mutex mutex;
  std::unordered_map<const FileEntry*, PageOutcome> judged;
  std::atomic<bool> open{true};
};

PageJudgements::PageJudgements(const Snapshot& snapshot, const PageSelection& selection) : state_(std::make_unique<State>()) {
  state_->candidates = page_candidates(snapshot, selection, state_->left_out);
  for (std::size_t i = 0; i < state_->candidates.size(); ++i) state_->index.emplace(state_->candidates[i].entry, i);
}

PageJudgements::~PageJudgements() = default;

void PageJudgements::observe(const FileEntry& entry, const FileContent& content) {
  if (!state_->open.load(std::memory_order_relaxed)) return;
  auto it = state_->index.find(&entry);
  if (it == state_->index.end()) return;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->judged.count(&entry)) return;
  }
  PageOutcome outcome;
  try {
    outcome = judge_page(state_->candidates[it->second], &content);
  } catch (...) {
    return;  // judged again by the scan, which reports what went wrong
  }
  std::lock_guard lock(state_->mutex);
  state_->judged.emplace(&entry, std::move(outcome));
}

std::optional<PageOutcome> PageJudgements::take(const FileEntry& entry) {
  std::lock_guard lock(state_->mutex);
  auto it = state_->judged.find(&entry);
  if (it == state_->judged.end()) return std::nullopt;
  PageOutcome outcome = std::move(it->second);
  state_->judged.erase(it);
  return outcome;
}

void PageJudgements::close() {
  state_->open.store(false);
  std::lock_guard lock(state_->mutex);
  state_->judged.clear();
}

TemplateScan scan_templates(const Snapshot& snapshot, const PageSelection& selection, PageJudgements* ahead) {
  TemplateScan scan;
  // The candidates `ahead` already chose, for the same selection, rather than a second pass
  // over every path.
  std::vector<PageCandidate> chosen;
  if (ahead) scan.left_out = ahead->state_->left_out;
  else chosen = page_candidates(snapshot, selection, scan.left_out);
  const std::vector<PageCandidate>& candidates = ahead ? ahead->state_->candidates : chosen;
  // The pages are judged on the snapshot's threads, each into its own slot, then gathered in
  // the order of the files: the result is the same with any number of threads. What the
  // content says is kept per blob (BlobCache) for the other revisions of a trend and for
  // --cache; a page the charter forces in is judged without the content exclusions, so apart.
  // A page judged ahead, while another check had it loaded, is not read again.
  std::vector<PageOutcome> outcomes(candidates.size());
  parallel_for(candidates.size(), snapshot.jobs(), [&](std::size_t i) {
    const PageCandidate& candidate = candidates[i];
    const FileEntry& entry = *candidate.entry;
    outcomes[i] = BlobCache::through<PageOutcome>(snapshot, candidate.forced ? "a11y-page-forced" : "a11y-page", entry, [&] {
      if (ahead)
        if (auto judged = ahead->take(entry)) return std::move(*judged);
      auto held = snapshot.content(entry);
      if (ahead)
        if (auto judged = ahead->take(entry)) return std::move(*judged);  // judged as it loaded
      return judge_page(candidate, held.get());
    });
  });
  if (ahead) ahead->close();
  for (PageOutcome& page : outcomes) {
    if (!page.page) continue;
    if (!page.exclusion.empty()) {
      ++scan.left_out[page.exclusion];
      continue;
    }
    ++scan.pages_checked;
    if (!page.parsed) ++scan.pages_not_parsed;
    scan.defects.insert(scan.defects.end(), std::make_move_iterator(page.defects.begin()),
                        std::make_move_iterator(page.defects.end()));
  }
  return scan;
}

std::vector<A11yDefect> check_templates(const Snapshot& snapshot) {
  return scan_templates(snapshot).defects;
}

}  // namespace pacte
