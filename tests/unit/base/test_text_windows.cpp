#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "checks/base/text_windows.hpp"

using namespace pacte;

namespace {

struct Window {
  std::string text;
  int first_line;
  bool first;
};

std::vector<Window> windows_of(const std::string& content, const TextWindowSizes& sizes,
                               Snapshot::StreamEnd* end = nullptr, TextEncoding* encoding = nullptr) {
  MemorySnapshot snap;
  snap.add("big.txt", content);
  snap.set_max_file_size(4);  // far below the file: `content` refuses it, streaming reads it
  std::vector<Window> out;
  auto e = for_each_text_window(
      snap, *snap.find("big.txt"),
      [&](std::string_view text, int line, bool first) {
        out.push_back({std::string(text), line, first});
        return true;
      },
      sizes, encoding);
  if (end) *end = e;
  return out;
}

// Every line of the file, as the windows show it: each line once, at its own line number.
std::vector<std::string> lines_seen(const std::vector<Window>& windows) {
  std::vector<std::string> lines;
  for (const auto& w : windows) {
    int n = w.first_line;
    std::size_t at = 0;
    while (at < w.text.size()) {
      std::size_t nl = w.text.find('\n', at);
      std::string line = w.text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
      if (static_cast<std::size_t>(n) > lines.size()) lines.resize(static_cast<std::size_t>(n));
      std::string& slot = lines[static_cast<std::size_t>(n) - 1];
      if (slot.empty()) slot = line;
      else CHECK(slot == line);  // a line seen again in an overlap is the same line
      if (nl == std::string::npos) break;
      at = nl + 1;
      ++n;
    }
  }
  return lines;
}

std::string numbered_lines(int count) {
  std::string s;
  for (int i = 1; i <= count; ++i) s += "line " + std::to_string(i) + " of the file\n";
  return s;
}

}  // namespace

TEST_CASE("a large file streams in windows of whole lines, each line at its own number") {
  const std::string content = numbered_lines(5000);  // about 100 KB
  TextWindowSizes sizes;
  sizes.first = 1000;
  sizes.window = 8000;
  sizes.overlap = 300;
  sizes.piece = 777;
  Snapshot::StreamEnd end{};
  auto windows = windows_of(content, sizes, &end);
  CHECK(end == Snapshot::StreamEnd::done);
  REQUIRE(windows.size() > 10);
  CHECK(windows.front().first);
  CHECK(windows.front().first_line == 1);
  for (std::size_t i = 0; i < windows.size(); ++i) {
    CAPTURE(i);
    CHECK(windows[i].first == (i == 0));
    // Whole lines: every window but the last ends with a line break, and starts a line.
    if (i + 1 < windows.size()) CHECK(windows[i].text.back() == '\n');
    CHECK(windows[i].text.rfind("line ", 0) == 0);
    CHECK(windows[i].text.size() <= sizes.window + sizes.piece);
    // The next window starts again a few lines back (the overlap), never further.
    if (i > 0)
      CHECK(windows[i].first_line <=
            windows[i - 1].first_line +
                static_cast<int>(std::count(windows[i - 1].text.begin(), windows[i - 1].text.end(), '\n')));
  }
  auto lines = lines_seen(windows);
  REQUIRE(lines.size() == 5000);
  CHECK(lines[0] == "line 1 of the file");
  CHECK(lines[2499] == "line 2500 of the file");
  CHECK(lines[4999] == "line 5000 of the file");
}

TEST_CASE("a line longer than a window is cut, and the line numbers after it stay right") {
  std::string content = "first\n" + std::string(5000, 'x') + "\nafter the long line\n";
  TextWindowSizes sizes;
  sizes.first = 100;
  sizes.window = 1000;
  sizes.overlap = 50;
  sizes.piece = 64;
  auto windows = windows_of(content, sizes);
  REQUIRE(windows.size() >= 5);
  for (const auto& w : windows) CHECK(w.text.size() <= sizes.window + sizes.piece);
  const Window& last = windows.back();
  auto at = last.text.find("after the long line");
  REQUIRE(at != std::string::npos);
  CHECK(last.first_line + std::count(last.text.begin(), last.text.begin() + static_cast<std::ptrdiff_t>(at), '\n') ==
        3);
}

TEST_CASE("a streamed UTF-16 file is decoded window by window, a UTF-8 byte-order mark dropped") {
  std::u16string u = u"premi\u00e8re ligne\n";
  for (int i = 2; i <= 3000; ++i) {
    std::string n = "ligne " + std::to_string(i) + "\n";
    u += std::u16string(n.begin(), n.end());
  }
  std::string le = "\xFF\xFE";
  for (char16_t c : u) {
    le += static_cast<char>(c & 0xFF);
    le += static_cast<char>(c >> 8);
  }
  std::string be = "\xFE\xFF";
  for (char16_t c : u) {
    be += static_cast<char>(c >> 8);
    be += static_cast<char>(c & 0xFF);
  }
  TextWindowSizes sizes;
  sizes.first = 501;  // odd: the cut must fall between two units all the same
  sizes.window = 4001;
  sizes.overlap = 201;
  sizes.piece = 333;
  for (const std::string& bytes : {le, be}) {
    TextEncoding encoding{};
    auto windows = windows_of(bytes, sizes, nullptr, &encoding);
    CHECK(encoding == (bytes == le ? TextEncoding::utf16le : TextEncoding::utf16be));
    REQUIRE(windows.size() > 5);
    auto lines = lines_seen(windows);
    REQUIRE(lines.size() == 3000);
    CHECK(lines[0] == "premi\xC3\xA8re ligne");
    CHECK(lines[1234] == "ligne 1235");
    CHECK(lines[2999] == "ligne 3000");
  }
  TextEncoding encoding{};
  auto windows = windows_of("\xEF\xBB\xBF" + numbered_lines(10), sizes, nullptr, &encoding);
  CHECK(encoding == TextEncoding::utf8_bom);
  REQUIRE(!windows.empty());
  CHECK(windows[0].text.rfind("line 1 of", 0) == 0);
}

TEST_CASE("a visitor can stop the stream, and an empty file is one empty window") {
  MemorySnapshot snap;
  snap.add("big.txt", numbered_lines(5000));
  snap.add("empty.txt", "");
  int seen = 0;
  TextWindowSizes sizes;
  sizes.first = 1000;
  sizes.window = 4000;
  auto end = for_each_text_window(
      snap, *snap.find("big.txt"),
      [&](std::string_view, int, bool) {
        ++seen;
        return false;
      },
      sizes);
  CHECK(end == Snapshot::StreamEnd::stopped);
  CHECK(seen == 1);
  std::vector<std::string> texts;
  end = for_each_text_window(snap, *snap.find("empty.txt"), [&](std::string_view text, int, bool first) {
    CHECK(first);
    texts.emplace_back(text);
    return true;
  });
  CHECK(end == Snapshot::StreamEnd::done);
  CHECK(texts == std::vector<std::string>{""});
  // A streamed file counts as one load, and is not kept.
  CHECK(snap.files_read() == 2);
  CHECK(snap.unreadable().empty());
}
