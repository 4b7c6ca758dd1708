#include "checks/base/schema.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

#include "checks/base/embedded.hpp"
#include "checks/base/yaml_json.hpp"

namespace pacte {

struct JsonSchema::Impl {
  valijson::Schema schema;
};

JsonSchema::JsonSchema(nlohmann::json schema) : schema_(std::move(schema)), impl_(new Impl) {
  try {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(schema_);
    parser.populateSchema(adapter, impl_->schema);
  } catch (const std::exception& e) {
    delete impl_;
    throw std::runtime_error(std::string("invalid JSON Schema: ") + e.what());
  }
}

JsonSchema::~JsonSchema() { delete impl_; }

namespace {

// valijson context entries look like "<root>", "[key]" or "[0]".
std::string pointer_from_context(const std::vector<std::string>& context) {
  std::string ptr;
  for (const auto& c : context) {
    if (c == "<root>") continue;
    std::string key = c;
    if (key.size() >= 2 && key.front() == '[' && key.back() == ']') key = key.substr(1, key.size() - 2);
    ptr += '/';
    ptr += json_pointer_escape(key);
  }
  return ptr;
}

std::string type_name(const nlohmann::json& v, bool fr) {
  if (v.is_null()) return fr ? "rien (null)" : "nothing (null)";
  if (v.is_boolean()) return fr ? "un booléen" : "a boolean";
  if (v.is_number()) return fr ? "un nombre" : "a number";
  if (v.is_string()) return fr ? "une chaîne" : "a string";
  if (v.is_array()) return fr ? "une liste" : "a list";
  return fr ? "un dictionnaire de clés" : "a mapping";
}

std::string expected_type(const nlohmann::json& t, bool fr) {
  auto one = [fr](const std::string& s) -> std::string {
    if (s == "boolean") return fr ? "true ou false" : "true or false";
    if (s == "string") return fr ? "une chaîne" : "a string";
    if (s == "array") return fr ? "une liste" : "a list";
    if (s == "object") return fr ? "un dictionnaire de clés" : "a mapping of keys";
    if (s == "number" || s == "integer") return fr ? "un nombre" : "a number";
    if (s == "null") return "null";
    return s;
  };
  if (t.is_string()) return one(t.get<std::string>());
  if (t.is_array()) {
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) out += (i ? (fr ? " ou " : " or ") : "") + one(t[i].get<std::string>());
    return out;
  }
  return fr ? "un autre type" : "another type";
}

const nlohmann::json* value_at(const nlohmann::json& doc, const std::string& ptr) {
  try {
    return &doc.at(nlohmann::json::json_pointer(ptr));
  } catch (...) {
    return nullptr;
  }
}

}  // namespace

const nlohmann::json* JsonSchema::resolve(const nlohmann::json* frag) const {
  for (int guard = 0; frag && frag->is_object() && frag->contains("$ref") && guard < 16; ++guard) {
    std::string ref = (*frag)["$ref"].get<std::string>();
    if (ref.rfind("#", 0) != 0) return frag;
    try {
      frag = &schema_.at(nlohmann::json::json_pointer(ref.substr(1)));
    } catch (...) {
      return nullptr;
    }
  }
  return frag;
}

const nlohmann::json* JsonSchema::fragment_at(const std::string& pointer) const {
  const nlohmann::json* frag = resolve(&schema_);
  std::size_t pos = 0;
  while (frag && pos < pointer.size()) {
    std::size_t next = pointer.find('/', pos + 1);
    std::string token = pointer.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
    pos = next == std::string::npos ? pointer.size() : next;
    if (frag->contains("properties") && (*frag)["properties"].contains(token)) {
      frag = resolve(&(*frag)["properties"][token]);
    } else if (frag->contains("items") && !token.empty() && std::isdigit(static_cast<unsigned char>(token[0]))) {
      frag = resolve(&(*frag)["items"]);
    } else if (frag->contains("additionalProperties") && (*frag)["additionalProperties"].is_object()) {
      frag = resolve(&(*frag)["additionalProperties"]);
    } else {
      return nullptr;
    }
  }
  return frag;
}

std::vector<SchemaError> JsonSchema::validate(const nlohmann::json& doc) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  std::vector<SchemaError> out;
  if (validator.validate(impl_->schema, adapter, &results)) return out;
  std::vector<std::pair<std::string, std::string>> raw;
  valijson::ValidationResults::Error err;
  while (results.popError(err)) raw.emplace_back(pointer_from_context(err.context), err.description);
  std::set<std::string> seen;
  for (const auto& violation : raw) {
    // Named references, not structured bindings: a lambda below captures them (clang 14).
    const std::string& ptr = violation.first;
    const std::string& desc = violation.second;
    // Keep leaf errors only: the "failed to validate against the schema of property X"
    // wrappers repeat what the leaf already says.
    if (desc.rfind("Failed to validate against schema associated with", 0) == 0) continue;
    if (desc.rfind("Failed to validate item #", 0) == 0) continue;
    if (desc.rfind("Failed to validate against child schema", 0) == 0) continue;
    const nlohmann::json* frag = fragment_at(ptr);
    const nlohmann::json* value = value_at(doc, ptr);
    // The message in English (fr false) or in French, with French typography (U+00A0).
    auto word = [&](bool fr) -> std::string {
      const std::string sep = fr ? "\u00A0: " : ": ";
      auto quoted = [fr](const std::string& v) { return fr ? "«\u00A0" + v + "\u00A0»" : "'" + v + "'"; };
      auto found = [&](const std::string& v) { return (fr ? ", trouvé " : ", found ") + v; };
      if (desc.find("'type' constraint") != std::string::npos && frag && frag->contains("type"))
        return (fr ? "attendu " : "expected ") + expected_type((*frag)["type"], fr) +
               found(value ? type_name(*value, fr) : (fr ? "rien" : "nothing"));
      if (desc.find("'pattern' constraint") != std::string::npos || desc.find("'format'") != std::string::npos) {
        const char* key = fr && frag && frag->contains("description_fr") ? "description_fr" : "description";
        std::string m = frag && frag->contains(key) ? (fr ? "attendu " : "expected ") + (*frag)[key].get<std::string>()
                                                    : (fr ? "n'a pas la forme attendue" : "does not have the expected form");
        if (value && value->is_string()) m += found(quoted(value->get<std::string>()));
        return m;
      }
      if (desc.find("enum") != std::string::npos && frag && frag->contains("enum")) {
        std::string m = fr ? "attendu l'une des valeurs" + sep : "expected one of:";
        if (fr) m.pop_back();
        for (const auto& e : (*frag)["enum"]) m += " " + (e.is_string() ? e.get<std::string>() : e.dump());
        if (value) m += (fr ? "\u00A0; trouvé " : "; found ") + (value->is_string() ? quoted(value->get<std::string>()) : value->dump());
        return m;
      }
      if (desc.find("'const'") != std::string::npos && frag && frag->contains("const"))
        return (fr ? "attendu " : "expected ") + (*frag)["const"].dump() + (value ? found(value->dump()) : "");
      if (desc.find("Missing required property") != std::string::npos) {
        auto q1 = desc.find('\'');
        auto q2 = desc.rfind('\'');
        std::string key = q1 != std::string::npos && q2 > q1 ? desc.substr(q1 + 1, q2 - q1 - 1) : "?";
        return fr ? "clé obligatoire absente" + sep + quoted(key) : "missing required key '" + key + "'";
      }
      if (desc.find("minItems") != std::string::npos || desc.find("Array should contain") != std::string::npos ||
          desc.find("fewer than") != std::string::npos) {
        std::string n = frag && frag->contains("minItems") ? (*frag)["minItems"].dump() : std::string(fr ? "une" : "one");
        return fr ? "la liste demande au moins " + n + " élément" + (n == "une" || n == "1" ? "" : "s")
                  : "the list needs at least " + n + " entry";
      }
      if (desc.find("minLength") != std::string::npos || desc.find("String should be no fewer") != std::string::npos)
        return fr ? "ne doit pas être vide" : "must not be empty";
      if (desc.find("maximum") != std::string::npos || desc.find("minimum") != std::string::npos) {
        bool range = frag && frag->contains("minimum") && frag->contains("maximum");
        if (fr) return "hors limites" + (range ? " (de " + (*frag)["minimum"].dump() + " à " + (*frag)["maximum"].dump() + ")" : std::string());
        return "out of range" + (range ? " (" + (*frag)["minimum"].dump() + " to " + (*frag)["maximum"].dump() + ")" : std::string());
      }
      return fr ? "ne respecte pas le schéma (" + desc + ")" : desc;
    };
    std::string msg = word(false);
    if (seen.insert(ptr + "\n" + msg).second) out.push_back({ptr, msg, word(true)});
  }
  return out;
}

std::vector<std::string> JsonSchema::known_keys_at(const std::string& pointer) const {
  std::vector<std::string> keys;
  const nlohmann::json* frag = fragment_at(pointer);
  if (frag && frag->contains("properties"))
    for (const auto& [k, v] : (*frag)["properties"].items()) keys.push_back(k);
  return keys;
}

std::vector<std::string> JsonSchema::unknown_keys(const nlohmann::json& doc) const {
  std::vector<std::string> out;
  std::function<void(const nlohmann::json&, const std::string&)> walk = [&](const nlohmann::json& v, const std::string& ptr) {
    if (v.is_object()) {
      const nlohmann::json* frag = fragment_at(ptr);
      bool closed = frag && frag->contains("properties") && !frag->contains("additionalProperties");
      for (const auto& [k, child] : v.items()) {
        std::string cptr = ptr + "/" + json_pointer_escape(k);
        if (closed && !(*frag)["properties"].contains(k)) {
          out.push_back(cptr);
          continue;
        }
        walk(child, cptr);
      }
    } else if (v.is_array()) {
      for (std::size_t i = 0; i < v.size(); ++i) walk(v[i], ptr + "/" + std::to_string(i));
    }
  };
  walk(doc, "");
  return out;
}

const JsonSchema& builtin_schema(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<JsonSchema>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return *it->second;
  auto data = embedded_file("schemas/" + name);
  if (!data) throw std::runtime_error("built-in schema " + name + " is missing from this build");
  auto schema = std::make_unique<JsonSchema>(nlohmann::json::parse(*data));
  auto& ref = *schema;
  cache.emplace(name, std::move(schema));
  return ref;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace pacte
