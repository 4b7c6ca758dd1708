// Source text: a file's bytes decoded to UTF-8 (UTF-8, UTF-16 by byte-order mark, Latin-1
// fallback), and split into code, string, comment and markup-comment regions by a small lexer
// per language family, so that a finding can say whether it sits in live code or in a comment.
//
// The lexers know comment and string syntax only; they never parse. Every delimiter they look
// for is ASCII, so they read UTF-8 and Latin-1 bytes alike, and their offsets are byte offsets
// into the text they were given.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pacte {

/// How the bytes of a file encode its text.
enum class TextEncoding : std::uint8_t { utf8, utf8_bom, utf16le, utf16be, latin1 };

/// The usual name of an encoding: "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Latin-1".
std::string_view encoding_name(TextEncoding encoding);

/// The encoding announced by a byte-order mark at the start of `bytes` (utf8_bom, utf16le,
/// utf16be), or utf8 when there is none. Reads at most three bytes.
TextEncoding bom_encoding(std::string_view bytes);

/// Whether `bytes` is entirely valid UTF-8.
bool is_valid_utf8(std::string_view bytes);

/// The text of `bytes` as UTF-8, decoded as the byte-order mark says (the mark itself is
/// dropped). Without a mark, `bytes` is returned as is when `latin1_fallback` is false (the
/// cheap path: ASCII patterns match UTF-8 and Latin-1 bytes alike), else it is checked and
/// decoded as Latin-1 when it is not valid UTF-8. Returns a view of `bytes` when nothing had to
/// be transcoded, else a view of `storage`. Invalid UTF-16 (an odd last byte, an unpaired
/// surrogate) becomes U+FFFD. Line breaks are kept one for one, so line numbers counted in
/// the result are those of the original file. `encoding`, when given, receives what was read.
std::string_view decode_source(std::string_view bytes, std::string& storage, bool latin1_fallback = false,
                               TextEncoding* encoding = nullptr);

/// The line of `text` containing byte `offset`, trimmed, cut to at most `max` bytes and valid
/// UTF-8: a line that is not valid UTF-8 is read as Latin-1.
std::string source_line_snippet(std::string_view text, std::size_t offset, std::size_t max = 200);

/// The kinds of regions a lexer tells apart. Code is what is left between the other regions.
enum class RegionKind : std::uint8_t {
  code,
  string,          // a string or character literal, whose content a program may use
  comment,         // a comment of the language (line, block or template comment)
  markup_comment,  // an HTML/XML comment `<!-- -->`: sent to the browser, never run
};

/// "code", "string", "comment", "markup-comment".
std::string_view region_kind_name(RegionKind kind);

/// A region [begin, end) of the text, in bytes.
struct TextRegion {
  std::size_t begin = 0;
  std::size_t end = 0;
  RegionKind kind = RegionKind::code;
};

/// The language families the lexers know, by comment and string syntax.
enum class LexFamily : std::uint8_t {
  none,        // no lexer: everything is code
  c_like,      // Java, C#, Go, Groovy, C, JSON...: // and /* */; "..." '...'
  nested_c,    // Kotlin, Swift, Dart, Scala, Rust: like c_like, block comments nest
  javascript,  // JS/TS/JSX/TSX: c_like with `...` templates and /regex/ literals
  css,         // /* */ only
  scss,        // /* */ and //, except in `url(//...)` and `://`
  python,      // # ; '...' "..." and triple-quoted strings
  ruby,        // # ; =begin/=end at line start
  hash,        // shell, YAML, TOML, conf, Dockerfile, ProGuard, smali: # at the start of a word
  properties,  // Java .properties: # or ! at line start only
  ini,         // ; or # at line start only
  sql,         // -- and /* */; '...'
  markup,      // HTML, XML, Vue, Svelte: <!-- -->, <script> as JavaScript, <style> as CSS,
               // and the template comments of Jinja, Twig, Handlebars, Go templates, Liquid
  php,         // markup outside <?php ... ?>, PHP (// # /* */) inside
  blade,       // php with {{-- --}}
  jsp,         // markup with <%-- --%> (JSP, GSP) and %{-- --}% (GSP)
  razor,       // markup with @* *@
  erb,         // markup with <%# %> (ERB, EJS, EEx) and <%!-- --%> (HEEx)
  freemarker,  // markup with <#-- -->
  velocity,    // markup with #* *# and ## line comments
  smarty,      // markup with {* *} (Smarty, Latte)
  mako,        // markup with ## line comments and <%doc> </%doc>
  haml,        // -# and / start a comment holding every line indented below it
  slim,        // / and /! start a comment holding every line indented below it
  pug,         // //- and // start a comment holding every line indented below it
};

/// The family of a file from its name (extension, or a few well-known names: Dockerfile,
/// Gemfile, .htaccess...); `.blade.php` is blade. `none` for names no lexer reads.
LexFamily lex_family_for(std::string_view path);

/// The string, comment and markup-comment regions of `text` in a file of `family`, sorted and
/// disjoint; code is the rest. Lexing stops once it is past `stop` (a caller that only needs
/// the regions up to its last offset of interest passes that offset). An unterminated block
/// comment runs to the end of the text; an unterminated single-line string ends at the end of
/// its line.
std::vector<TextRegion> lex_regions(std::string_view text, LexFamily family, std::size_t stop = std::string_view::npos);

/// The kind of the region holding byte `offset`, from regions sorted as lex_regions returns
/// them.
RegionKind region_at(const std::vector<TextRegion>& regions, std::size_t offset);

}  // namespace pacte
