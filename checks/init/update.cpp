#include "checks/init/update.hpp"

#include <algorithm>

#include "checks/a11y/languages.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/facts.hpp"
#include "checks/init/charter_edit.hpp"
#include "checks/init/draft.hpp"
#include "checks/init/yaml_text.hpp"
#include "checks/trackers/signatures.hpp"

namespace pacte {

namespace {

// Where a hit was found: "src/app.js:12".
std::string where(const TrackerHit& h) {
  return h.evidence.line > 0 ? h.evidence.path + ":" + std::to_string(h.evidence.line) : h.evidence.path;
}

// The strings of the field `key` of each object of the array at `dotted` in `charter`.
std::vector<std::string> declared_strings(const Charter& charter, const std::string& dotted, const std::string& key) {
  std::vector<std::string> out;
  const nlohmann::json* list = charter.field(dotted);
  if (!list || !list->is_array()) return out;
  for (const auto& item : *list) {
    if (key.empty() && item.is_string()) out.push_back(item.get<std::string>());
    if (!key.empty() && item.is_object() && item.contains(key) && item[key].is_string()) out.push_back(item[key].get<std::string>());
  }
  return out;
}

const char* kBy = "pacte init --update";

}  // namespace

CharterUpdate update_charter(std::string_view charter_text, const std::string& display_path, AuditContext& ctx, Lang lang) {
  Charter charter = load_charter(charter_text, display_path, audit_now(), lang);
  CharterUpdate up;
  up.text = std::string(charter_text);
  auto tr = [lang](const std::string& en, const std::string& fr) { return Text{en, fr}.in(lang); };

  // Trackers in shipped code that no entry names.
  std::vector<std::string> names = declared_strings(charter, "neutrality.trackers", "name");
  std::vector<ListItemText> trackers;
  std::vector<std::string> tracker_names;
  for (const auto& d : tracker_state(ctx).detections) {
    if (d.only_dev_or_test || !d.signature) continue;
    const Signature& sig = *d.signature;
    bool declared = std::any_of(names.begin(), names.end(), [&](const std::string& n) { return declared_name_matches(n, sig); });
    if (declared) continue;
    const TrackerHit* best = &d.hits.front();
    for (const auto& h : d.hits)
      if (h.context == "code" && !h.dev) {
        best = &h;
        break;
      }
    std::string yaml = "{name: " + yaml_scalar(sig.name) + ", purpose: " + tracker_purpose(sig.category) +
                       (sig.self_hostable ? "" : ", self_hosted: false") + "}";
    std::string note = tr("added by ", "ajouté par ") + kBy + tr(": " + sig.category + ", found in ", "\u00A0: " + sig.category + ", trouvé dans ") + where(*best);
    if (d.hits.size() > 1)
      note += tr(" and " + std::to_string(d.hits.size() - 1) + " more", " et " + std::to_string(d.hits.size() - 1) + (d.hits.size() == 2 ? " autre" : " autres"));
    note += tr("; check the purpose, add consent", "\u00A0; vérifiez l'usage, ajoutez consent");
    trackers.push_back({yaml, yaml_comment_text(note)});
    tracker_names.push_back(sig.name + " (" + where(*best) + ")");
    names.push_back(sig.name);  // one entry per tracker, even when two signatures share a name
  }
  if (!trackers.empty()) {
    if (auto edited = append_list_items(up.text, "neutrality", "trackers", trackers)) {
      up.text = *edited;
      for (const auto& n : tracker_names) up.changes.push_back(tr("neutrality.trackers: added ", "neutrality.trackers\u00A0: ajouté ") + n);
    } else {
      for (const auto& t : trackers) up.by_hand.push_back("neutrality.trackers: - " + t.yaml + "  # " + t.comment);
    }
  }

  // Languages of translation catalogs the charter does not list.
  std::vector<std::string> tags = declared_strings(charter, "equal_access.languages", "");
  std::vector<ListItemText> languages;
  for (const auto& l : language_evidence(ctx)) {
    if (!valid_language_tag(l.tag)) continue;
    bool known = std::any_of(tags.begin(), tags.end(), [&](const std::string& t) { return ascii_lower(t) == ascii_lower(l.tag); });
    if (known) continue;
    tags.push_back(l.tag);
    languages.push_back({yaml_scalar(l.tag), yaml_comment_text(tr("added by ", "ajouté par ") + kBy + tr(": catalog ", "\u00A0: catalogue ") + l.path)});
  }
  if (!languages.empty()) {
    if (auto edited = append_list_items(up.text, "equal_access", "languages", languages)) {
      up.text = *edited;
      for (const auto& l : languages) up.changes.push_back(tr("equal_access.languages: added ", "equal_access.languages\u00A0: ajouté ") + l.yaml);
    } else {
      for (const auto& l : languages) up.by_hand.push_back("equal_access.languages: " + l.yaml + "  # " + l.comment);
    }
  }

  // Maintainers seen in the history but not declared: a suggestion in comments only.
  std::vector<std::string> emails = declared_strings(charter, "continuity.maintainers", "email");
  std::vector<std::string> people = declared_strings(charter, "continuity.maintainers", "name");
  for (auto& e : emails) e = ascii_lower(e);
  for (auto& p : people) p = ascii_lower(p);
  std::vector<std::string> comments;
  for (const auto& m : suggest_maintainers(ctx, 5)) {
    bool declared = std::find(emails.begin(), emails.end(), ascii_lower(m.email)) != emails.end() ||
                    std::find(people.begin(), people.end(), ascii_lower(m.name)) != people.end();
    if (declared) continue;
    if (comments.empty())
      comments.push_back(yaml_comment_text(tr(std::string(kBy) + ": seen in the last year of history but not declared; add them if they maintain the service:",
                                              std::string(kBy) + "\u00A0: vus dans l'historique de l'année mais non déclarés\u00A0; ajoutez-les s'ils maintiennent le service\u00A0:")));
    std::string person = "- {name: " + yaml_scalar(m.name) + (m.email.empty() ? "" : ", email: " + yaml_scalar(m.email)) + "}";
    comments.push_back(yaml_comment_text(person + "  # " + std::to_string(m.commits_365d) + tr(" commits in 365 days", " commits en 365 jours")));
  }
  if (!comments.empty()) {
    if (auto edited = insert_comments_after(up.text, "continuity", "maintainers", comments)) {
      up.text = *edited;
      up.changes.push_back(tr("continuity.maintainers: suggested in comments ", "continuity.maintainers\u00A0: suggéré en commentaire ") +
                           std::to_string(comments.size() - 1) + tr(" maintainer(s) seen in the history (not added to the list)",
                                                                    " mainteneur(s) vu(s) dans l'historique (non ajouté(s) à la liste)"));
    } else {
      for (std::size_t i = 1; i < comments.size(); ++i) up.by_hand.push_back("continuity.maintainers: " + comments[i]);
    }
  }
  // The result must still be a valid charter; an edit that is not is never written.
  load_charter(up.text, display_path, audit_now(), lang);
  return up;
}

}  // namespace pacte
