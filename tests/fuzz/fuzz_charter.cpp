// Fuzzes the charter loader (pacte.yml and publiccode.yml): a charter either loads or throws
// InputError / CharterInvalid; no other exception, crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/engine/charter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::time_t today = 1767225600;  // 2026-01-01
  try {
    pacte::Charter c = pacte::load_charter(text, "pacte.yml", today);
    for (const char* f : {"service.name", "openness.license", "continuity.maintainers",
                          "equal_access.accessibility.statement", "waivers"}) {
      (void)c.field(f);
      (void)c.where(f);
    }
  } catch (const pacte::InputError&) {
  } catch (const pacte::CharterInvalid&) {
  }
  try {
    (void)pacte::load_publiccode(text, "publiccode.yml");
  } catch (const pacte::InputError&) {
  }
  return 0;
}
