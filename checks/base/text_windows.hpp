// A text file too large to load whole (over --max-file-size), read as it streams in windows of
// whole lines: for a check that looks for something on a line, such as the tracker scan.
#pragma once
#include <cstddef>
#include <functional>
#include <string_view>

#include "checks/base/snapshot.hpp"
#include "checks/base/source_text.hpp"

namespace pacte {

/// Sizes of the windows, in bytes of the file. The first window is small, so that a binary or
/// minified file is known before much of it is read.
struct TextWindowSizes {
  std::size_t first = 1u << 20;
  std::size_t window = 8u << 20;
  std::size_t overlap = 64u << 10;  // lines of a window seen again at the start of the next
  std::size_t piece = 1u << 20;     // read from the snapshot at a time
};

/// One window: its text (decoded as decode_source does: a UTF-8 byte-order mark dropped, UTF-16
/// turned into UTF-8, line breaks kept), the line number of its first line in the file, and
/// whether it is the file's first window.
using TextWindowVisitor = std::function<bool(std::string_view text, int first_line, bool first)>;

/// Streams `entry` (Snapshot::stream) and hands it to `visit` in windows of whole lines, each at
/// most about `sizes.window` bytes; a window starts with the last lines (up to `sizes.overlap`
/// bytes) of the one before, so that what spans a cut is whole in one of them: a visitor drops
/// what it sees twice. A line longer than a window is cut. `visit` returns false to stop. Memory
/// depends on the sizes, not on the file.
/// `encoding`, when given, is set to the encoding its byte-order mark names (utf8 without one).
Snapshot::StreamEnd for_each_text_window(const Snapshot& snap, const FileEntry& entry, const TextWindowVisitor& visit,
                                         const TextWindowSizes& sizes = {}, TextEncoding* encoding = nullptr);

}  // namespace pacte
