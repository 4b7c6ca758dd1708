// A first charter (pacte.yml) written from what a repository already shows, for teams that
// have never written one. Every value comes either from evidence (and says where it was
// found) or from publiccode.yml; everything else is left to the team, marked TODO.
//
// How the draft marks what pacte could not infer, while staying a valid charter:
// - An optional key pacte cannot infer is written commented out (`# data_sale: false  # TODO:
//   ...`): it is not declared, so the audit keeps reporting it as undeclared until the team
//   uncomments and fills it in. The draft never declares a fact on the team's behalf.
// - A key the schema requires but pacte cannot infer holds a *placeholder*: a valid value that
//   can never earn a pass, with a `TODO (placeholder)` comment. `neutrality.advertising:
//   true` (fails NEUT-ADVERTISING-DECLARED until the team writes `false`), `openness.license:
//   LicenseRef-TODO` (an SPDX reference to no licence: fails the licence rules),
//   `equal_access.languages: [und]` (BCP 47 "undetermined"), a maintainer named `TODO`.
// So the draft validates (`pacte validate`), and an audit of an unedited draft can only be
// pessimistic: no placeholder is ever mistaken for a declaration.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "checks/base/text.hpp"

namespace pacte {

class AuditContext;

/// What the draft cannot learn from the snapshot itself.
struct DraftOptions {
  Lang lang = Lang::en;               // language of the comments
  std::string service_name;           // used when publiccode.yml gives no name
  std::string repository_url;         // the git remote, may be empty
  std::string source_label;           // what was read, for the header ("commit 1a2b3c4", "the files on disk", "le commit 1a2b3c4")
  std::size_t max_maintainers = 5;    // maintainers taken from the history, at most
};

/// A written draft.
struct CharterDraft {
  std::string text;                   // the YAML document
  std::vector<std::string> inferred;  // dotted fields filled from evidence or publiccode.yml
  std::vector<std::string> todo;      // dotted fields left to the team (commented out)
  std::vector<std::string> placeholders;  // required fields holding a placeholder
};

/// Builds the draft from the evidence of `ctx` (licence files, history, translation catalogs,
/// trackers, accessibility statement, publiccode.yml, contributing guide). `ctx` should carry
/// an empty charter, so that an existing one does not colour the evidence.
CharterDraft draft_charter(AuditContext& ctx, const DraftOptions& options);

/// The maintainers the history suggests: humans (bots left out) with a commit in the last
/// 365 days, mailmapped, most active first; at least the top two, then those with at least 5%
/// of the year's human commits, up to `max`. Each as {name, email, commits_365d}.
struct SuggestedMaintainer {
  std::string name, email;
  int commits_365d = 0;
};
std::vector<SuggestedMaintainer> suggest_maintainers(AuditContext& ctx, std::size_t max);

/// Whether `s` matches the charter schema's BCP 47 pattern (`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`).
bool valid_language_tag(const std::string& s);

/// The charter's tracker purpose (`neutrality.trackers[].purpose`) for a signature category.
std::string tracker_purpose(const std::string& category);

}  // namespace pacte
