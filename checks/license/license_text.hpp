// Internals of licence detection shared by its sources and tests: the text normalisation
// and fingerprints. rules/licenses/normalize.py is the reference implementation of the same
// steps (the generator uses it); both must produce identical tokens.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <span>
#include <utility>
#include <string_view>
#include <vector>

namespace pacte::license_text {

/// Words per n-gram.
inline constexpr std::size_t kGram = 3;

/// One normalised word, where it came from in the original text, and its paragraph number.
struct Token {
  std::string word;
  std::size_t begin = 0;  // byte offset of the word in the original text
  std::size_t end = 0;    // byte offset just past it
  int paragraph = 0;
};

/// The normalised words of `text` (see normalize.py for the steps).
std::vector<Token> tokenize(std::string_view text);

/// The words of `text` as tokenize() reads them, copyright statements included: what a
/// statement joined with the next line of a reflowed paragraph swallowed.
std::vector<Token> tokenize_keeping_copyright(std::string_view text);

/// Trigram hashes of `tokens`: trigram_hash() of the words' word_hash() (30 bits), bit 31 set
/// when the middle word changes meaning ("not", "shall", "affero", ...), bit 30 when it is a
/// numeral.
std::vector<std::uint32_t> fingerprint(std::span<const Token> tokens);

/// The 32-bit FNV-1a hash of one normalised word.
std::uint32_t word_hash(std::string_view word);

/// Murmur3's finaliser: every bit of `h` moves every bit of the result.
inline std::uint32_t mix32(std::uint32_t h) {
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h;
}

/// The 30-bit hash of a trigram from its three words' hashes, in order.
inline std::uint32_t trigram_hash(std::uint32_t first, std::uint32_t second, std::uint32_t third) {
  std::uint32_t h = mix32(first ^ 0x9E3779B9u);
  h = mix32(h * 31u + second + 0x7F4A7C15u);
  h = mix32(h * 31u + third + 0x2545F491u);
  return h & 0x3FFFFFFFu;
}

/// A 64-bit hash of a whole trigram sequence (FNV-1a over its words): the compiled-in data
/// finds by it the reference whose trigrams are exactly a text's.
inline std::uint64_t sequence_hash(std::span<const std::uint32_t> grams) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (auto g : grams) h = (h ^ g) * 0x100000001B3ull;
  return h;
}

/// True when the hash carries the "meaning-bearing middle word" flag.
inline bool sensitive(std::uint32_t gram) { return (gram & 0x80000000u) != 0; }

/// True when the hash carries the "middle word is a number or roman numeral" flag.
inline bool numeral(std::uint32_t gram) { return (gram & 0x40000000u) != 0; }

/// True for a number ("12") or a roman numeral of a list item ("iv").
bool is_numeral(std::string_view word);

/// True when `word` changes the meaning of a sentence it is added to or removed from.
bool is_sensitive(std::string_view word);

/// The optional title and appendix of a reference text, as n-gram bounds [head, tail) of the
/// required body: the short paragraphs before the first one of 20 words or more form the
/// header (title, version; at most 40 words), and so is the foreword of the Creative Commons
/// 4.0 licences; "end of terms and conditions" and what follows it (or Creative Commons'
/// closing notice) is an appendix.
void optional_parts(const std::vector<Token>& tokens, std::uint32_t& head, std::uint32_t& tail);

}  // namespace pacte::license_text

namespace pacte::license_text {

/// The reference texts in use (embedded and loaded): id (GNU ids without suffix) and trigram
/// hashes, for tests that check the generator and this tokeniser agree.
std::vector<std::pair<std::string, std::vector<std::uint32_t>>> reference_fingerprints();

}  // namespace pacte::license_text
