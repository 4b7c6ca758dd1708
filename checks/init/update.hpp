// pacte init --update: what the code now shows that an existing charter does not declare,
// added to the charter's text without touching anything else (see charter_edit.hpp).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "checks/base/text.hpp"

namespace pacte {

class AuditContext;

/// What the update adds, and what it could not add by itself.
struct CharterUpdate {
  std::string text;                  // the updated charter (the old text when nothing changed)
  std::vector<std::string> changes;  // one sentence per change made, in the language asked
  std::vector<std::string> by_hand;  // what the team must add by hand (a shape not edited)
};

/// Updates `charter_text` (read from `display_path`) from the evidence of `ctx` (which should
/// carry an empty charter, as for a draft):
/// - trackers found in shipped code that `neutrality.trackers` does not name become new entries
///   (`{name, purpose}` and `self_hosted: false` when the tracker cannot be self-hosted), each
///   with a comment saying where it was found;
/// - languages of translation catalogs that `equal_access.languages` lacks are added;
/// - maintainers the history suggests (suggest_maintainers) that `continuity.maintainers` does
///   not name are written as comment lines after the list, never added to it.
/// Nothing is ever removed. Throws InputError or CharterInvalid (file:line:col) when the
/// charter does not parse or validate.
CharterUpdate update_charter(std::string_view charter_text, const std::string& display_path, AuditContext& ctx, Lang lang);


}  // namespace pacte
