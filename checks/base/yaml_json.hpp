// YAML documents as JSON values, with the source position of every value kept, so that a
// JSON Schema validator (valijson) can check them and errors can still say file:line:col.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pacte {

/// A 1-based position in a source file.
struct SourcePos {
  int line = 0;
  int col = 0;
};

/// An error in a user-supplied file: names the file and, where known, the line and column.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, SourcePos pos, const std::string& what);
  const std::string& file() const { return file_; }
  SourcePos pos() const { return pos_; }
  /// "file:line:col: message" (or "file: message" without a position).
  static std::string format(const std::string& file, SourcePos pos, const std::string& what);

 private:
  std::string file_;
  SourcePos pos_;
};

/// A YAML document converted to JSON, with positions by JSON pointer ("/openness/license").
struct YamlDocument {
  nlohmann::json value;
  std::map<std::string, SourcePos> positions;
  /// The position of the value at `pointer`, or of its nearest parent that has one.
  SourcePos position_of(std::string pointer) const;
};

/// Limits that keep hostile documents (alias bombs, deep nesting, huge files) harmless.
struct YamlLimits {
  std::size_t max_bytes = 4u << 20;
  std::size_t max_nodes = 200000;
  int max_depth = 64;
};

/// Parses `text` (the contents of `file`) as one YAML document. Scalars follow the YAML 1.2
/// core schema (true/false, null, numbers; quoted scalars stay strings; `no` stays a string).
/// Duplicate keys, invalid UTF-8, binary content, multiple documents and documents over the
/// limits are errors. Throws InputError naming `file` and the position.
YamlDocument parse_yaml(std::string_view text, const std::string& file, const YamlLimits& limits = {});

/// Escapes a key for use in a JSON pointer.
std::string json_pointer_escape(std::string_view key);

}  // namespace pacte
