// UTF-8 validation and encoding shared by the text helpers (to_valid_utf8) and source decoding
// (source_text): one definition of what a valid sequence is.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace pacte {

/// Length of the valid UTF-8 sequence starting at s[i] (1 to 4), or 0 when it is invalid
/// (bad lead byte, truncated, overlong, surrogate, above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// Appends the UTF-8 encoding of code point `cp`; nothing for one above U+10FFFF.
void append_utf8(std::string& out, char32_t cp);

}  // namespace pacte
