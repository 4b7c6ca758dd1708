// Internal to the a11y module: templates whose syntax is not HTML (HAML, Slim) or extends it
// with its own expressions (Svelte) are translated into an HTML skeleton, the same elements
// and attributes with every server or script expression made opaque (`{{_}}`), and that
// skeleton is parsed as HTML. Each element written into the skeleton keeps the place of the
// element it stands for in the source, so defects name the source's line and opening tag.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "checks/a11y/markup.hpp"

namespace pacte::a11y {

/// An HTML translation of a template, with the source place of every element it holds.
struct HtmlSkeleton {
  /// Where an opening tag of the skeleton comes from: the skeleton's `<` at `html_offset`
  /// stands for the source bytes [source_begin, source_end).
  struct Anchor {
    std::size_t html_offset = 0;
    std::size_t source_begin = 0;
    std::size_t source_end = 0;
  };
  std::string html;
  std::vector<Anchor> anchors;  // in skeleton order

  /// Appends an opening tag (or any markup starting with '<') that stands for the source
  /// bytes [source_begin, source_end).
  void open(std::string_view tag, std::size_t source_begin, std::size_t source_end);
  /// Appends text or closing tags, which need no source place.
  void append(std::string_view text) { html.append(text); }
};

/// The opaque stand-in for an expression: an attribute value or text whose content a static
/// reading cannot know (`parse_html` makes it dynamic, or counts it as text).
inline constexpr std::string_view kOpaque = "{{_}}";

/// Parses the skeleton as HTML and moves every element's offsets back to its source place.
MarkupTree parse_skeleton(const HtmlSkeleton& skeleton);

/// `value` escaped for a double-quoted HTML attribute.
std::string html_attribute_escape(std::string_view value);

/// The attributes of a Ruby hash as HAML and Rails helpers write them, given without its braces
/// (`alt: "Logo", :src => path, "aria-label" => t('.x'), data: { id: 1 }, **opts`), as HTML
/// attribute text with a leading space per attribute. A literal string without interpolation is
/// kept; `true` writes the bare name; `false` and `nil` drop the attribute; `data:` and `aria:`
/// sub-hashes become `data-*`/`aria-*`; any other value is opaque. An entry that is not a
/// key-value pair (`**opts`, a variable holding a hash) gives an opaque attribute, so that
/// the element's attributes count as unknown.
std::string ruby_hash_attributes(std::string_view hash);

/// The top-level comma-separated items of a Ruby argument list or hash body, trimmed.
std::vector<std::string_view> ruby_split_items(std::string_view list);

/// Where the bracket opened at `open` ('{', '(' or '[') closes, skipping Ruby strings; npos when
/// it never closes.
std::size_t ruby_matching_bracket(std::string_view s, std::size_t open);

/// The skeleton of a Ruby output line (`= expr` in HAML and Slim), given `expr`. Rails helpers
/// that write elements the checks read are translated: `label_tag :email` (a label for
/// `email`), `f.label :email` (a label of a form builder, for an id the static reading cannot
/// know, so it labels any field with an id), `image_tag src, alt: ...` (an image, its
/// attributes from the options), and with a block `link_to ... do` and `button_tag ... do`
/// (opened, their content follows). Anything else is opaque text. `block` tells whether the
/// line opens a Ruby block (`do` or `do |f|` at its end); `closing` receives what closes the
/// element once the block's content has been written ("" when nothing was opened).
std::string ruby_output_skeleton(std::string_view expr, bool block, std::string& closing);

/// Whether a Ruby line ends by opening a block (`do`, `do |f|`, `{ |x|` is not counted).
bool ruby_opens_block(std::string_view code);

/// Whether an HTML element has no content and no closing tag.
bool is_void_element(std::string_view tag);

// The lines of an indentation-based template (HAML, Slim): shared by their translators.

/// The end of the line starting at `pos` (its '\n', or the end of `s`).
std::size_t line_end(std::string_view s, std::size_t pos);
/// The indentation (spaces and tabs) of the line [pos, end).
std::size_t indent_of(std::string_view s, std::size_t pos, std::size_t end);
/// Whether the line [pos, end) holds only blanks.
bool blank_line(std::string_view s, std::size_t pos, std::size_t end);
/// The start of the first non-blank line at or after `pos` indented no deeper than `indent`:
/// everything before it is the block nested under a line at `indent`.
std::size_t skip_block(std::string_view s, std::size_t pos, std::size_t indent);
/// A Ruby line continues on the next one when it ends with a comma (HAML's and Slim's rule) or,
/// when `backslash` (Slim's), with a backslash, which is dropped. Appends the continuation lines
/// to `code` and returns the end of the last one.
std::size_t ruby_continuation(std::string_view s, std::size_t end, std::string& code, bool backslash);

/// An element a translator opened and must close when the indentation comes back to `indent`.
struct OpenElement {
  std::size_t indent;
  std::string closing;
};

/// The line loop of an indentation-based template translator (HAML, Slim): blank lines kept as
/// line breaks, every element opened by a line closed when the indentation comes back to or
/// above it. `Translator` provides `std::size_t line(begin, end, indent)`, which translates the
/// line whose content starts at `begin` and returns where the next line starts.
template <class Translator>
class IndentedTranslator {
 public:
  explicit IndentedTranslator(std::string_view source) : s_(source) {}

  HtmlSkeleton run() {
    std::size_t pos = 0;
    while (pos < s_.size()) {
      std::size_t end = line_end(s_, pos);
      if (blank_line(s_, pos, end)) {
        out_.append("\n");
        pos = end + 1;
        continue;
      }
      std::size_t indent = indent_of(s_, pos, end);
      close_to(indent);
      pos = static_cast<Translator&>(*this).line(pos + indent, end, indent);
      out_.append("\n");
    }
    close_to(0);
    return std::move(out_);
  }

 protected:
  // Text; inline HTML in it is markup, placed at the text's line.
  void text(std::string_view content, std::size_t begin, std::size_t end) {
    if (content.find('<') != std::string_view::npos) out_.open(content, begin, end);
    else out_.append(content);
  }

  // A Ruby output line (`= expr`): the elements a Rails helper writes, or opaque text; a helper
  // that opens a block is closed when the indentation comes back to `indent`.
  void output(std::string_view code, std::size_t begin, std::size_t end, std::size_t indent) {
    std::string closing;
    bool block = ruby_opens_block(code);
    std::string html = ruby_output_skeleton(code, block, closing);
    if (!html.empty() && html.front() == '<') out_.open(html, begin, end);
    else out_.append(html);
    if (!closing.empty()) stack_.push_back({indent, closing});
  }

  void close_to(std::size_t indent) {
    while (!stack_.empty() && stack_.back().indent >= indent) {
      out_.append(stack_.back().closing);
      stack_.pop_back();
    }
  }

  std::string_view s_;
  HtmlSkeleton out_;
  std::vector<OpenElement> stack_;
};

/// HAML (`.haml`, `.html.haml`) translated into an HTML skeleton: elements (`%tag`, `#id` and
/// `.class` shorthands, `{...}` Ruby and `(...)` HTML attributes), plain text, Ruby output
/// (`=`, `!=`, `&=`, `~`) as opaque text or Rails helpers, Ruby code (`-`) and comments left
/// out, nesting by indentation.
HtmlSkeleton haml_to_html(std::string_view source);

/// Slim (`.slim`) translated into an HTML skeleton: elements (`tag`, `#id` and `.class`
/// shorthands, `name="value"` and `name=ruby` attributes, bare or wrapped in `()`, `[]`, `{}`,
/// `*splat`), text (`|`, `'`, after the tag), Ruby output and code, inline nesting (`li: a`),
/// embedded engines (`javascript:`) left out, nesting by indentation.
HtmlSkeleton slim_to_html(std::string_view source);

/// A Svelte component translated into an HTML skeleton: `<script>` and `<style>` left out,
/// `{expr}` and `{@html expr}` as opaque text, `{#if}`/`{:else}`/`{/if}` blocks removed,
/// attribute values `{expr}` and `"a {expr}"` opaque, `{name}` shorthands, `{...props}` spreads
/// as unknown attributes, capitalised tags and `svelte:*` as components.
HtmlSkeleton svelte_to_html(std::string_view source);

}  // namespace pacte::a11y
