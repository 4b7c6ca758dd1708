#include "checks/base/yaml_json.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <set>
#include <sstream>
#include <yaml-cpp/eventhandler.h>

#include "checks/base/text.hpp"

namespace pacte {

InputError::InputError(std::string file, SourcePos pos, const std::string& what)
    : std::runtime_error(format(file, pos, what)), file_(std::move(file)), pos_(pos) {}

std::string InputError::format(const std::string& file, SourcePos pos, const std::string& what) {
  if (pos.line > 0) return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col) + ": " + what;
  return file + ": " + what;
}

SourcePos YamlDocument::position_of(std::string pointer) const {
  while (true) {
    auto it = positions.find(pointer);
    if (it != positions.end()) return it->second;
    if (pointer.empty()) return {};
    auto slash = pointer.rfind('/');
    pointer = slash == std::string::npos ? "" : pointer.substr(0, slash);
  }
}

std::string json_pointer_escape(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

namespace {

SourcePos pos_of(const YAML::Mark& m) {
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};  // YAML::Mark is 0-based
}

bool is_int(const std::string& s) {
  if (s.empty()) return false;
  std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return s.size() < 19;
}

bool is_float(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  if (end == nullptr || *end != '\0') return false;
  // Only plain decimal notation: no hex, inf or nan spellings.
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
  return s.find_first_of("0123456789") != std::string::npos;
}

// Records where each document of a stream starts; builds nothing.
struct DocumentStarts : YAML::EventHandler {
  std::vector<YAML::Mark> marks;
  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

struct Converter {
  const std::string& file;
  const YamlLimits& limits;
  YamlDocument& doc;
  std::size_t nodes = 0;
  std::size_t bytes = 0;  // of scalars, keys and JSON pointers, aliases expanded

  // Aliases to a long scalar repeated many times, or many values under a very long key, stay
  // under the value limit but take gigabytes once converted: that size is limited too.
  void count_bytes(const YAML::Node& node, std::size_t n) {
    bytes += n;
    if (bytes > limits.max_bytes * 16)
      throw InputError(file, pos_of(node.Mark()),
                       "the document expands to more than " + std::to_string((limits.max_bytes * 16) >> 20) +
                           " MiB in memory (an alias bomb, or very long keys?); simplify it");
  }

  nlohmann::json convert(const YAML::Node& node, const std::string& ptr, int depth) {
    if (++nodes > limits.max_nodes)
      throw InputError(file, pos_of(node.Mark()),
                       "the document expands to more than " + std::to_string(limits.max_nodes) +
                           " values (an alias bomb?); simplify it");
    if (depth > limits.max_depth)
      throw InputError(file, pos_of(node.Mark()),
                       "nesting deeper than " + std::to_string(limits.max_depth) + " levels");
    count_bytes(node, ptr.size());
    if (!doc.positions.count(ptr)) doc.positions[ptr] = pos_of(node.Mark());
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return nullptr;
      case YAML::NodeType::Scalar: {
        const std::string& s = node.Scalar();
        count_bytes(node, s.size());
        if (node.Tag() == "!") return s;  // quoted: always a string
        if (s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
        if (s == "true" || s == "True" || s == "TRUE") return true;
        if (s == "false" || s == "False" || s == "FALSE") return false;
        if (is_int(s)) return std::strtoll(s.c_str(), nullptr, 10);
        if (is_float(s)) return std::strtod(s.c_str(), nullptr);
        return s;
      }
      case YAML::NodeType::Sequence: {
        nlohmann::json arr = nlohmann::json::array();
        std::size_t i = 0;
        for (const auto& item : node) {
          arr.push_back(convert(item, ptr + "/" + std::to_string(i), depth + 1));
          ++i;
        }
        return arr;
      }
      case YAML::NodeType::Map: {
        nlohmann::json obj = nlohmann::json::object();
        std::set<std::string> seen;
        for (const auto& kv : node) {
          if (!kv.first.IsScalar())
            throw InputError(file, pos_of(kv.first.Mark()), "a key must be a plain string");
          std::string key = kv.first.Scalar();
          count_bytes(kv.first, key.size());
          if (!seen.insert(key).second)
            throw InputError(file, pos_of(kv.first.Mark()),
                             "duplicate key '" + key + "': each key may appear once; remove one of them");
          std::string child = ptr + "/" + json_pointer_escape(key);
          doc.positions[child] = pos_of(kv.first.Mark());
          obj[key] = convert(kv.second, child, depth + 1);
        }
        return obj;
      }
    }
    return nullptr;
  }
};

}  // namespace

YamlDocument parse_yaml(std::string_view text, const std::string& file, const YamlLimits& limits) {
  if (text.size() > limits.max_bytes)
    throw InputError(file, {}, "file too large (" + std::to_string(text.size()) + " bytes; the limit is " +
                                   std::to_string(limits.max_bytes) + ")");
  if (text.find('\0') != std::string_view::npos)
    throw InputError(file, {}, "binary content (a NUL byte): a charter must be a UTF-8 YAML text file");
  if (to_valid_utf8(text) != text) {
    std::size_t i = 0;
    std::string valid = to_valid_utf8(text);
    while (i < text.size() && i < valid.size() && text[i] == valid[i]) ++i;
    int line = line_at(text, i);
    std::size_t bol = text.rfind('\n', i == 0 ? 0 : i - 1);
    int col = static_cast<int>(i - (bol == std::string_view::npos ? 0 : bol + 1)) + 1;
    throw InputError(file, {line, col}, "invalid UTF-8: save the file as UTF-8");
  }
  // Cheap pre-check of flow nesting, which yaml-cpp reports only as "bad file".
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '[' || c == '{') && ++depth > limits.max_depth * 4) {
      std::size_t bol = text.rfind('\n', i == 0 ? 0 : i - 1);
      int col = static_cast<int>(i - (bol == std::string_view::npos || i == 0 ? 0 : bol + 1)) + 1;
      throw InputError(file, {line_at(text, i), col},
                       "nesting deeper than " + std::to_string(limits.max_depth) + " levels; flatten the document");
    }
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  // yaml-cpp 0.7's LoadAll loops forever, allocating, on some invalid streams such as ",: {"
  // (yaml-cpp issue 1040): count at most two documents from the parser's events, then build
  // the only one with Load.
  YAML::Node root;
  DocumentStarts starts;
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    while (starts.marks.size() < 2 && parser.HandleNextDocument(starts)) {
    }
    if (starts.marks.size() == 1) root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    std::string msg = e.msg;
    if (msg == "bad file") msg = "the YAML cannot be parsed (nesting too deep?)";
    throw InputError(file, pos_of(e.mark), "YAML syntax error: " + msg);
  }
  if (starts.marks.size() > 1)
    throw InputError(file, pos_of(starts.marks[1]), "more than one YAML document, or text after the document's end: keep one");
  YamlDocument doc;
  if (starts.marks.empty()) {
    doc.value = nullptr;
    return doc;
  }
  Converter conv{file, limits, doc};
  doc.value = conv.convert(root, "", 0);
  return doc;
}

}  // namespace pacte
