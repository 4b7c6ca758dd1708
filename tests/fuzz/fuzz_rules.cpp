// Fuzzes the rule module loader (`--rules`): a module either parses or throws InputError
// naming the file; user patterns are compiled with RE2 and may not stall or crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/engine/rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)pacte::parse_rule_module(text, "rules/fuzz.yml");
  } catch (const pacte::InputError&) {
  }
  return 0;
}
