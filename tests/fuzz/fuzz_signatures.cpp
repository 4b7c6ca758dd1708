// Fuzzes the tracker signature loader (`--signatures`): pacte YAML or an Exodus Privacy JSON
// export. A file either loads (and its patterns compile into the matcher) or throws
// SignatureError naming the file; nothing else may escape.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/trackers/signatures.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    pacte::SignatureSet set;
    set.load_text(text, "signatures.yml");
    (void)set.matcher();
  } catch (const pacte::SignatureError&) {
  }
  return 0;
}
