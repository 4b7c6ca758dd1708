// JSON Schema validation (valijson through its nlohmann adapter) with errors located by JSON
// pointer and worded for the person who wrote the file.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pacte {

/// One schema violation: where (a JSON pointer into the document) and what is expected.
struct SchemaError {
  std::string pointer;
  std::string message;     // in English
  std::string message_fr;  // the same in French, with French typography
};

/// A compiled JSON Schema.
class JsonSchema {
 public:
  /// Compiles `schema`. Throws std::runtime_error when the schema itself is invalid.
  explicit JsonSchema(nlohmann::json schema);
  ~JsonSchema();
  JsonSchema(const JsonSchema&) = delete;
  JsonSchema& operator=(const JsonSchema&) = delete;

  /// Validates `doc`; returns the innermost violations, in document order, each once.
  std::vector<SchemaError> validate(const nlohmann::json& doc) const;

  /// Keys of objects in `doc` that the schema does not name in `properties`, as pointers.
  std::vector<std::string> unknown_keys(const nlohmann::json& doc) const;

  /// The property names the schema allows for the object at `pointer` (for "did you mean").
  std::vector<std::string> known_keys_at(const std::string& pointer) const;

  const nlohmann::json& json() const { return schema_; }

 private:
  /// The schema fragment that applies at `pointer` (following properties, items and $ref).
  const nlohmann::json* fragment_at(const std::string& pointer) const;
  const nlohmann::json* resolve(const nlohmann::json* frag) const;
  nlohmann::json schema_;
  struct Impl;
  Impl* impl_;
};

/// The embedded schema `schemas/<name>`; throws if missing or invalid (a build defect).
const JsonSchema& builtin_schema(const std::string& name);

/// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(const std::string& a, const std::string& b);

/// The closest candidate to `word` within a small edit distance, or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace pacte
