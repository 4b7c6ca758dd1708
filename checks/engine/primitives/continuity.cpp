// Continuity primitives: history (activity, contributor absence factor, releases,
// maintainers) and reproducibility (CI configuration, lock files).
#include <git2.h>

#include <algorithm>

#include "checks/engine/facts.hpp"
#include "checks/engine/primitives/util.hpp"

namespace pacte {

namespace {

int days_between(std::time_t later, std::time_t earlier) { return static_cast<int>((later - earlier) / 86400); }

// ---------------------------------------------------------------- parameters
// Each primitive's parameters: a struct whose member initialisers are the defaults, beside
// the JSON Schema that checks them when a rule module is loaded, and the from_json that
// reads them.

/// Parameters of history_recent_commit and history_releases.
struct DaysParams {
  /// The longest time allowed, in days (required).
  int days = 0;
  static nlohmann::json schema() { return params_schema({{"days", {{"type", "integer"}, {"minimum", 1}}}}, {"days"}); }
};
void from_json(const nlohmann::json& j, DaysParams& p) { j.at("days").get_to(p.days); }

/// Parameters of history_absence_factor.
struct AbsenceFactorParams {
  /// The lowest absence factor accepted (required).
  int min = 0;
  static nlohmann::json schema() { return params_schema({{"min", {{"type", "integer"}, {"minimum", 1}}}}, {"min"}); }
};
void from_json(const nlohmann::json& j, AbsenceFactorParams& p) { j.at("min").get_to(p.min); }

// ---------------------------------------------------------------- checks

// The history facts a rule may judge, or the result that says why it cannot.
std::optional<CheckResult> history_unusable(AuditContext& ctx, const HistoryFacts** out) {
  const HistoryState& st = history_state(ctx);
  if (!ctx.history_available)
    return CheckResult::skip(Text{"no git history (the folder is not a repository)", "pas d'historique git (le dossier n'est pas un dépôt)"});
  if (!st.facts)
    return CheckResult::error(Text{"the history cannot be read: " + st.error, "l'historique ne peut pas être lu\u00a0: " + st.error});
  if (st.facts->shallow || ctx.shallow)
    return CheckResult::error(Text{"shallow clone: the history is truncated, so it cannot be judged; fetch the full history (git fetch --unshallow)",
                                "clone superficiel\u00a0: l'historique est tronqué et ne peut pas être jugé\u00a0; récupérez-le en entier (git fetch --unshallow)"});
  *out = &*st.facts;
  return std::nullopt;
}

CheckResult recent_commit(AuditContext& ctx, const DaysParams& p) {
  const HistoryFacts* h = nullptr;
  if (auto r = history_unusable(ctx, &h)) return *r;
  int days = p.days;
  if (h->commits_total == 0) return CheckResult::fail(Text{"no commit", "aucune modification enregistrée (aucun commit)"});
  int age = days_between(ctx.now, h->last_commit);
  Evidence ev{"", 0, "last commit " + iso8601(h->last_commit), ctx.head};
  if (age <= days)
    return CheckResult::pass(Text{"last commit " + std::to_string(std::max(age, 0)) + " days ago (" + iso8601(h->last_commit) + ")",
                               "dernière modification il y a " + std::to_string(std::max(age, 0)) + "\u00a0jours (" + iso8601(h->last_commit) + ")"},
                             {ev});
  return CheckResult::fail(Text{"last commit " + std::to_string(age) + " days ago (" + iso8601(h->last_commit) + "), more than " + std::to_string(days),
                             "dernière modification il y a " + std::to_string(age) + "\u00a0jours (" + iso8601(h->last_commit) + "), au-delà de " + std::to_string(days) + "\u00a0jours"},
                           {ev});
}

CheckResult absence_factor(AuditContext& ctx, const AbsenceFactorParams& p) {
  const HistoryFacts* h = nullptr;
  if (auto r = history_unusable(ctx, &h)) return *r;
  int min = p.min;
  std::vector<Evidence> ev;
  for (const auto& c : h->contributors) {
    if (c.bot || c.commits_365d == 0) continue;
    ev.push_back({"", 0, c.name + " <" + c.email + ">", std::to_string(c.commits_365d) + " commits in 365 days",
                  std::to_string(c.commits_365d) + " commits en 365\u00a0jours"});
    if (ev.size() >= 5) break;
  }
  std::string fig = "contributor absence factor " + std::to_string(h->contributor_absence_factor) + " (" +
                    std::to_string(h->commits_365d) + " commits, " + std::to_string(h->contributors_365d) + " contributors in 365 days)";
  std::string fig_fr = "facteur d'absence des contributeurs de " + std::to_string(h->contributor_absence_factor) + " (" +
                       std::to_string(h->commits_365d) + "\u00a0commits, " + std::to_string(h->contributors_365d) +
                       "\u00a0contributeurs sur 365\u00a0jours)";
  if (h->contributor_absence_factor >= min) return CheckResult::pass(Text{fig, fig_fr}, ev);
  if (!ev.empty() && h->contributor_absence_factor == 1) {
    fig += ": " + ev.front().snippet + " alone made half of the commits";
    fig_fr += "\u00a0: la moitié des commits viennent d'une seule personne, " + ev.front().snippet;
  }
  return CheckResult::fail(Text{fig, fig_fr}, ev);
}

CheckResult releases(AuditContext& ctx, const DaysParams& p) {
  const HistoryFacts* h = nullptr;
  if (auto r = history_unusable(ctx, &h)) return *r;
  int days = p.days;
  if (h->tags == 0) return CheckResult::fail(Text{"no tag: no release was ever tagged", "aucune étiquette\u00a0: aucune version n'a été étiquetée"});
  int age = days_between(ctx.now, h->last_tag_date);
  bool active = h->commits_365d > 0;
  std::vector<Evidence> ev = {{"", 0, "refs/tags/" + h->last_tag, iso8601(h->last_tag_date)}};
  if (age <= days || !active)
    return CheckResult::pass(Text{std::to_string(h->tags) + " tags, last " + h->last_tag + " (" + iso8601(h->last_tag_date) + ")",
                               std::to_string(h->tags) + "\u00a0étiquette(s), la dernière\u00a0: " + h->last_tag + " (" + iso8601(h->last_tag_date) + ")"},
                             ev);
  return CheckResult::fail(Text{"last release " + h->last_tag + " is " + std::to_string(age) + " days old while the service is active",
                             "la dernière version, " + h->last_tag + ", remonte à " + std::to_string(age) + "\u00a0jours alors que le service est actif"},
                           ev);
}

std::string lower(std::string s) { return ascii_lower(s); }

CheckResult maintainers_in_history(AuditContext& ctx) {
  const nlohmann::json* m = ctx.charter.field("continuity.maintainers");
  if (!m || !m->is_array() || m->empty()) return undeclared(ctx, "continuity.maintainers", Text{"the maintainers", "les mainteneurs"});
  const HistoryFacts* h = nullptr;
  if (auto r = history_unusable(ctx, &h)) return *r;
  std::vector<std::string> absent;
  std::vector<Evidence> ev;
  for (std::size_t i = 0; i < m->size(); ++i) {
    const auto& person = (*m)[i];
    std::string name = person.value("name", ""), email = lower(person.value("email", ""));
    bool found = false;
    for (const auto& c : h->contributors) {
      if (c.bot) continue;
      if ((!email.empty() && lower(c.email) == email) || (!name.empty() && lower(c.name) == lower(name))) {
        found = true;
        break;
      }
    }
    if (!found) {
      absent.push_back(name.empty() ? email : name);
      ev.push_back(charter_evidence(ctx, "continuity.maintainers." + std::to_string(i)));
      ev.back().note = "no commit by this maintainer";
    }
  }
  if (absent.empty()) return CheckResult::pass(Text{"every declared maintainer has commits", "chaque mainteneur déclaré a des commits dans l'historique"});
  return CheckResult::fail(Text{"not found in the history: " + join(absent), "mainteneurs absents de l'historique\u00a0: " + join(absent)}, ev);
}

CheckResult ci_configured(AuditContext& ctx) {
  auto configs = find_ci_configs(ctx.snapshot);
  if (configs.empty())
    return CheckResult::fail(Text{"no CI configuration (GitHub Actions, GitLab CI, Woodpecker, Jenkins, ...)",
                               "aucune configuration d'intégration continue (GitHub Actions, GitLab CI, Woodpecker, Jenkins, etc.)"});
  std::vector<Evidence> ev;
  for (const auto& c : configs) ev.push_back({c.path, 0, "", c.system});
  return CheckResult::pass(Text{configs.front().system + " (" + configs.front().path + ")", configs.front().system + " (" + configs.front().path + ")"}, ev);
}

CheckResult lockfiles_present(AuditContext& ctx) {
  auto manifests = find_package_manifests(ctx.snapshot);
  if (manifests.empty()) return CheckResult::pass(Text{"no package manager detected", "aucun gestionnaire de paquets détecté"});
  std::vector<Evidence> missing;
  std::vector<std::string> names;
  for (const auto& m : manifests)
    if (!m.has_lock) {
      missing.push_back({m.manifest_path, 0, "", m.ecosystem + ": expected " + join(m.accepted_locks, " or ")});
      names.push_back(m.manifest_path);
    }
  if (missing.empty())
    return CheckResult::pass(Text{std::to_string(manifests.size()) + " manifest(s), each with its lock file",
                               std::to_string(manifests.size()) + " manifeste(s), chacun avec son fichier de verrouillage"});
  return CheckResult::fail(Text{"no lock file for " + join(names), "aucun fichier de verrouillage pour " + join(names)}, missing);
}

}  // namespace

void register_continuity_primitives(std::vector<Primitive>& out) {
  out.push_back({
      .name = "history_recent_commit",
      .description = Text{"The last commit is at most `days` days old (shallow clones: error).", "La dernière modification date d'au plus `days` jours (clone superficiel\u00a0: erreur)."},
      .params_schema = DaysParams::schema(),
      .run = with_params(recent_commit),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "history_absence_factor",
      .description = Text{"The CHAOSS contributor absence factor over 365 days is at least `min`.", "Le facteur d'absence des contributeurs (CHAOSS) sur 365\u00a0jours est d'au moins `min`."},
      .params_schema = AbsenceFactorParams::schema(),
      .run = with_params(absence_factor),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "history_releases",
      .description = Text{"At least one tag, and one in the last `days` days while the service is active.", "Au moins une version étiquetée, et une de moins de `days` jours si le service est actif."},
      .params_schema = DaysParams::schema(),
      .run = with_params(releases),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "maintainers_in_history",
      .description = Text{"Each declared maintainer has commits (mailmap applied).", "Chaque mainteneur déclaré a des commits (après application du mailmap)."},
      .params_schema = no_params_schema(),
      .run = without_params(maintainers_in_history),
      .basis = Basis::cross_check,
  });
  out.push_back({
      .name = "ci_configured",
      .description = Text{"A CI configuration is present.", "Une configuration d'intégration continue est présente."},
      .params_schema = no_params_schema(),
      .run = without_params(ci_configured),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "lockfiles_present",
      .description = Text{"Every detected package manifest has its lock file.", "Chaque manifeste de paquets détecté a son fichier de verrouillage."},
      .params_schema = no_params_schema(),
      .run = without_params(lockfiles_present),
      .basis = Basis::evidence,
  });
}

}  // namespace pacte
