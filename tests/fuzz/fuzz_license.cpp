// Fuzzes licence identification and SPDX expression parsing: both take any bytes and never
// throw. The first line of the input is also parsed as an expression on its own.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/license/license.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)pacte::identify_license_text(text);
  std::string_view first = text.substr(0, text.find('\n'));
  std::string error;
  if (auto expr = pacte::parse_spdx_expression(first, &error)) {
    for (const auto& id : expr->ids) {
      (void)pacte::license_info(id);
      (void)pacte::license_family(id);
    }
    (void)pacte::license_agrees(*expr, "MIT");
    (void)pacte::license_agrees(*expr, "GPL-3.0-only");
    // The normalised form must parse again.
    if (!pacte::parse_spdx_expression(expr->normalized)) __builtin_trap();
  }
  return 0;
}
