// Decoding of source files before the tracker scan: UTF-8 (with or without BOM), UTF-16 LE/BE
// by BOM, Latin-1 fallback, and invalid bytes.
#include <doctest/doctest.h>

#include "checks/base/source_text.hpp"
#include "checks/base/text.hpp"

using namespace pacte;

namespace {

// `ascii` as UTF-16 code units in the given byte order, after a BOM.
std::string utf16(std::string_view ascii, bool big_endian) {
  std::string out = big_endian ? std::string("\xFE\xFF", 2) : std::string("\xFF\xFE", 2);
  for (char c : ascii) {
    if (big_endian) {
      out += '\0';
      out += c;
    } else {
      out += c;
      out += '\0';
    }
  }
  return out;
}

// `n` times `c`, then `tail` (appended: GCC 12 warns on a temporary string + a literal).
std::string run_then(std::size_t n, char c, std::string_view tail) {
  std::string out(n, c);
  out += tail;
  return out;
}

}  // namespace

TEST_CASE("a file without BOM is read as is (the cheap path)") {
  std::string storage;
  TextEncoding enc = TextEncoding::latin1;
  std::string_view bytes = "let a = 1;\n";
  auto text = decode_source(bytes, storage, false, &enc);
  CHECK(enc == TextEncoding::utf8);
  CHECK(text.data() == bytes.data());
  CHECK(storage.empty());
}

TEST_CASE("UTF-8 with BOM: the mark is dropped, the text is not copied") {
  std::string storage;
  TextEncoding enc{};
  std::string bytes = "\xEF\xBB\xBF<p>caf\xC3\xA9</p>\n";
  auto text = decode_source(bytes, storage, true, &enc);
  CHECK(enc == TextEncoding::utf8_bom);
  CHECK(text == "<p>caf\xC3\xA9</p>\n");
  CHECK(storage.empty());
}

TEST_CASE("UTF-16LE and UTF-16BE with BOM decode to UTF-8, keeping every line break") {
  std::string page = "<html>\r\n<head>\r\n<script src=\"https://pagead2.googlesyndication.com/x.js\"></script>\r\n";
  for (bool be : {false, true}) {
    INFO((be ? "big endian" : "little endian"));
    std::string storage;
    TextEncoding enc{};
    auto text = decode_source(utf16(page, be), storage, false, &enc);
    CHECK(enc == (be ? TextEncoding::utf16be : TextEncoding::utf16le));
    CHECK(text == page);
    CHECK(line_at(text, text.find("pagead2")) == 3);
  }
}

TEST_CASE("UTF-16: characters outside ASCII and surrogate pairs") {
  // "é" (U+00E9), "€" (U+20AC) and "😀" (U+1F600, a surrogate pair) in little endian.
  std::string bytes("\xFF\xFE\xE9\x00\xAC\x20\x3D\xD8\x00\xDE", 10);
  std::string storage;
  CHECK(decode_source(bytes, storage) == "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST_CASE("UTF-16 with invalid units: unpaired surrogates and an odd last byte become U+FFFD") {
  std::string storage;
  // 'a', a lone high surrogate followed by 'b', a lone low surrogate, then half a unit.
  std::string bytes("\xFF\xFE" "a\x00" "\x00\xD8" "b\x00" "\x00\xDC" "c", 11);
  auto text = decode_source(bytes, storage);
  CHECK(text == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(is_valid_utf8(text));
}

TEST_CASE("Latin-1 fallback: bytes that are not UTF-8 are read as Latin-1 when asked") {
  std::string bytes = "// R\xE9gie publicitaire\nvar x;\n";
  std::string storage;
  TextEncoding enc{};
  auto text = decode_source(bytes, storage, true, &enc);
  CHECK(enc == TextEncoding::latin1);
  CHECK(text == "// R\xC3\xA9gie publicitaire\nvar x;\n");
  // Without the fallback the bytes stay as they are (the scan matches ASCII patterns on them).
  std::string storage2;
  CHECK(decode_source(bytes, storage2, false, &enc) == bytes);
  CHECK(enc == TextEncoding::utf8);
}

TEST_CASE("is_valid_utf8 over ASCII runs, multi-byte characters and invalid sequences") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8(run_then(100, 'a', "\xC3\xA9" "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")));
  CHECK_FALSE(is_valid_utf8(run_then(17, 'a', "\xE9" "abc")));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));            // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));        // a surrogate
  CHECK_FALSE(is_valid_utf8(run_then(8, 'x', "\xF0\x9F\x98")));  // cut short
}

TEST_CASE("source_line_snippet reads a Latin-1 line as Latin-1") {
  std::string text = "first\n  <!-- publicit\xE9 -->  \nlast";
  CHECK(source_line_snippet(text, text.find("publicit")) == "<!-- publicit\xC3\xA9 -->");
  CHECK(source_line_snippet(text, 0) == "first");
}
