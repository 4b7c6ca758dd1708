// UTF-8 validation shared by the text helpers (to_valid_utf8) and source decoding
// (source_text): one definition of what a valid sequence is.
#pragma once
#include <cstddef>
#include <string_view>

namespace pacte {

/// Length of the valid UTF-8 sequence starting at s[i] (1 to 4), or 0 when it is invalid
/// (bad lead byte, truncated, overlong, surrogate, above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

}  // namespace pacte
