// Fuzzes the YAML to JSON conversion every user-supplied YAML file goes through: any input
// either converts or throws InputError naming the file; nothing else may escape.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/base/yaml_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    pacte::YamlDocument doc = pacte::parse_yaml(text, "fuzz.yml");
    // Every position lookup must stay safe, including pointers that do not exist.
    for (const auto& [pointer, pos] : doc.positions) (void)doc.position_of(pointer + "/x/0");
    (void)doc.value.dump();
  } catch (const pacte::InputError&) {
  }
  return 0;
}
