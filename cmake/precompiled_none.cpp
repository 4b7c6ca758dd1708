// The stand-in for the precompiled start-up data in the build tool that produces it
// (cmake/startgen.cpp): no data, so the built-in signatures and rules are parsed from the YAML.
#include "checks/base/embedded.hpp"

namespace pacte {

const PrecompiledData& precompiled_data() {
  static const PrecompiledData none{};
  return none;
}

}  // namespace pacte
