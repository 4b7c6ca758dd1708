#include "checks/base/text_windows.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace pacte {

namespace {

/// The bytes streamed so far and not yet let go, read in units of one byte (UTF-8) or two
/// (UTF-16, where a line break is the unit 0x000A in the file's byte order).
class WindowBuffer {
 public:
  std::string bytes;
  std::size_t unit = 1;
  bool big_endian = false;

  /// True when the unit at `i` (a multiple of `unit`) is a line break.
  bool newline_at(std::size_t i) const {
    if (unit == 1) return bytes[i] == '\n';
    return big_endian ? bytes[i] == '\0' && bytes[i + 1] == '\n' : bytes[i] == '\n' && bytes[i + 1] == '\0';
  }
  std::size_t align(std::size_t n) const { return n - n % unit; }
  /// The end of the last line break among the units of [from, to), or npos.
  std::size_t after_last_newline(std::size_t from, std::size_t to) const {
    if (unit == 1) {
      if (to <= from) return std::string::npos;
      const void* nl = ::memrchr(bytes.data() + from, '\n', to - from);
      return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - bytes.data()) + 1 : std::string::npos;
    }
    for (std::size_t i = align(to); i >= from + unit;) {
      i -= unit;
      if (newline_at(i)) return i + unit;
    }
    return std::string::npos;
  }
  /// The end of the first line break among the units of [from, to), or npos.
  std::size_t after_first_newline(std::size_t from, std::size_t to) const {
    for (std::size_t i = align(from + unit - 1); i + unit <= to; i += unit)
      if (newline_at(i)) return i + unit;
    return std::string::npos;
  }
  /// Line breaks among the units of [0, to).
  int newlines_before(std::size_t to) const {
    if (unit == 1)
      return static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
    int n = 0;
    for (std::size_t i = 0; i + unit <= to; i += unit) n += newline_at(i) ? 1 : 0;
    return n;
  }
};

}  // namespace

Snapshot::StreamEnd for_each_text_window(const Snapshot& snap, const FileEntry& entry, const TextWindowVisitor& visit,
                                         const TextWindowSizes& asked, TextEncoding* encoding) {
  // Every window must move on: what is seen again stays under half a window.
  TextWindowSizes sizes = asked;
  sizes.first = std::max<std::size_t>(sizes.first, 16);
  sizes.window = std::max(sizes.window, sizes.first);
  sizes.overlap = std::min(sizes.overlap, sizes.first / 2);
  WindowBuffer buf;
  std::string mark;  // a UTF-16 byte-order mark, put back before each window for decode_source
  std::string framed, decoded;
  bool first = true, visitor_stopped = false;
  int line = 1;
  std::size_t carried = 0;  // bytes at the start of the buffer already seen in a window
  if (encoding) *encoding = TextEncoding::utf8;

  // The byte-order mark, read once the first bytes are in: it says how to count lines.
  bool mark_read = false;
  auto read_mark = [&] {
    mark_read = true;
    const TextEncoding e = bom_encoding(buf.bytes);
    if (encoding) *encoding = e;
    if (e == TextEncoding::utf8_bom) {
      buf.bytes.erase(0, 3);
    } else if (e == TextEncoding::utf16le || e == TextEncoding::utf16be) {
      mark = buf.bytes.substr(0, 2);
      buf.bytes.erase(0, 2);
      buf.unit = 2;
      buf.big_endian = e == TextEncoding::utf16be;
    }
  };

  // Hands buf.bytes[0, cut) to the visitor, then lets go of what the next window does not see
  // again. False once the visitor asks to stop.
  auto emit = [&](std::size_t cut, bool last) {
    std::string_view text(buf.bytes.data(), cut);
    if (!mark.empty()) {
      framed.assign(mark).append(text);
      text = decode_source(framed, decoded, false, nullptr);
    }
    const bool more = visit(text, line, first);
    first = false;
    if (!more) {
      visitor_stopped = true;
      return false;
    }
    if (last) return true;
    // The next window starts with the lines that begin in the last `overlap` bytes of this one.
    std::size_t next = cut;
    if (cut > sizes.overlap) {
      const std::size_t at = buf.after_first_newline(cut - sizes.overlap, cut);
      if (at != std::string::npos && at < cut) next = at;
    }
    line += buf.newlines_before(next);
    buf.bytes.erase(0, next);
    carried = cut - next;
    return true;
  };

  const Snapshot::Sink sink = [&](std::string_view piece) {
    buf.bytes.append(piece);
    if (!mark_read && buf.bytes.size() >= 3) read_mark();
    while (mark_read && buf.bytes.size() >= (first ? sizes.first : sizes.window)) {
      // Whole lines, past what the window before already saw; a line longer than a window is cut.
      std::size_t cut = buf.after_last_newline(carried, buf.bytes.size());
      if (cut == std::string::npos) cut = buf.align(buf.bytes.size());
      if (!emit(cut, false)) return false;
    }
    return true;
  };
  Snapshot::StreamEnd end = snap.stream(entry, sizes.piece, sink);
  if (end == Snapshot::StreamEnd::done && !visitor_stopped) {
    if (!mark_read) read_mark();
    emit(buf.bytes.size(), true);
  }
  return visitor_stopped ? Snapshot::StreamEnd::stopped : end;
}

}  // namespace pacte
