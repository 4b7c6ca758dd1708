#include "checks/base/vocabulary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace pacte {

namespace {

struct Entry {
  L id;
  std::string_view en;
  std::string_view fr;
};

// clang-format off
constexpr Entry kLabels[] = {
  // Commands. French text carries its non-breaking spaces (U+00A0) itself.
  {L::rules_in_force, "{} rules in force", "{} règles en vigueur"},
  {L::explain_why, "Why", "Pourquoi"},
  {L::explain_how_checked, "How it is checked", "Méthode de vérification"},
  {L::explain_only_when, "only when", "seulement si"},
  {L::explain_how_to_fix, "How to fix it", "Comment corriger"},
  {L::defined_in, "Defined in", "Définie dans"},
  {L::unknown_rule, "unknown rule '{}'{}; 'pacte rules' lists them", "règle inconnue «\u00A0{}\u00A0»{}\u00A0; «\u00A0pacte rules\u00A0» les énumère"},
  {L::did_you_mean, " (did you mean {}?)", " (vouliez-vous dire {}\u00A0?)"},
  {L::warning, "warning", "avertissement"},
  {L::no_charter_here, "no charter here (pacte.yml, .pacte.yml, .github/pacte.yml); 'pacte init' writes one", "aucune charte ici (pacte.yml, .pacte.yml, .github/pacte.yml)\u00A0; «\u00A0pacte init\u00A0» en rédige une"},
  {L::is_a_folder, "{}: is a folder; give the charter file", "{}\u00A0: c'est un dossier\u00A0; indiquez le fichier de la charte"},
  {L::cannot_read_file, "{}: cannot read the file", "{}\u00A0: lecture du fichier impossible"},
  {L::valid_charter, "{}: valid charter", "{}\u00A0: charte valide"},
  {L::charter_one_error, "{} error in the charter", "{} erreur dans la charte"},
  {L::charter_many_errors, "{} errors in the charter", "{} erreurs dans la charte"},
  {L::progress_audited, "audited", "audité"},
  {L::progress_current, "unchanged since the last report, not audited again", "inchangé depuis le dernier rapport, pas audité de nouveau"},
  {L::progress_error, "error", "erreur"},
  {L::progress_line, "pacte batch: {}/{} done, {} failed, {} running, {} repos/s", "pacte batch\u00A0: {}/{} traités, {} en échec, {} en cours, {} dépôts/s"},
  {L::progress_eta, ", ETA {}", ", fin estimée dans {}"},
  {L::progress_up_to_date, "current", "à jour"},
  {L::init_score, "Score with this draft: {}/100 ({}).", "Score avec ce brouillon\u00A0: {}/100 ({})."},
  {L::init_best_changes, "The changes that would raise it most:", "Les modifications qui l'amélioreraient le plus\u00A0:"},
  {L::init_now, "Now: ", "Constat\u00A0: "},
  {L::init_fix, "Fix: ", "Correction\u00A0: "},
  {L::init_nothing_to_suggest, "No failing rule: nothing to suggest.", "Aucune règle en échec\u00A0: rien à suggérer."},
  {L::points, "points", "points"},
  {L::gate_failed, "gate failed ({}): {}", "seuil de publication non atteint («\u00A0{}\u00A0»)\u00A0: {}"},
  {L::gate_score_below, "score {} is below --fail-under {}", "le score {} est inférieur au seuil --fail-under {}"},
  {L::gate_rule_failed, "{} ({})", "{} (gravité {})"},
  {L::gate_rule_error, "{} ({}, could not be evaluated)", "{} (gravité {}, n'a pas pu être évaluée)"},
  {L::gate_critical_failed, "A critical rule failed: the service is non-compliant whatever its score.", "Une règle critique est en échec : le service est non conforme quel que soit son score."},
  {L::report_title, "Compliance report", "Rapport de conformité"},
  {L::score, "Score", "Score"},
  {L::verdict, "Verdict", "Verdict"},
  {L::principle, "Principle", "Principe"},
  {L::principles, "Principles", "Principes"},
  {L::passed, "Passed", "Réussies"},
  {L::failed, "Failed", "En échec"},
  {L::skipped, "Skipped", "Sans objet"},
  {L::errors, "Errors", "Erreurs"},
  {L::waived, "Waived", "Dérogations"},
  {L::total, "Total", "Total"},
  {L::failures, "Failures", "Échecs"},
  {L::no_failures, "No rule failed.", "Aucune règle en échec."},
  {L::other_results, "Other results", "Autres résultats"},
  {L::evidence, "Evidence", "Preuves"},
  {L::remediation, "Remediation", "Correction"},
  {L::references, "References", "Références"},
  {L::rule, "Rule", "Règle"},
  {L::severity, "Severity", "Gravité"},
  {L::status, "Status", "Statut"},
  {L::message, "Message", "Message"},
  {L::repository, "Repository", "Dépôt"},
  {L::commit, "Commit", "Commit"},
  {L::ref, "Reference", "Référence"},
  {L::worktree, "working tree (uncommitted files included)", "copie de travail (fichiers non versionnés inclus)"},
  {L::generated, "Generated", "Généré le"},
  {L::charter, "Charter", "Charte"},
  {L::charter_none, "no charter found: rules that need a declaration are undeclared, left out of the score", "aucune charte trouvée\u00A0: les règles qui demandent une déclaration restent non déclarées, hors score"},
  {L::charter_errors, "Charter errors", "Erreurs de la charte"},
  {L::charter_warnings, "Charter warnings", "Avertissements de la charte"},
  {L::activity, "Activity over 24 months", "Activité sur 24 mois"},
  {L::activity_none, "No git history: the audited folder is not a git repository.", "Pas d'historique git\u00A0: le dossier audité n'est pas un dépôt git."},
  {L::commits, "commits", "commits"},
  {L::commits_in_24_months, "{} commits in the last 24 months, at most {} in one month", "{} commits sur les 24 derniers mois, au plus {} en un mois"},
  {L::more_findings, "{} more findings, see the full report.", "{} autres constats, voir le rapport complet."},
  {L::more_locations, "and {} more locations", "et {} autres emplacements"},
  {L::see_full_report, "see the full report", "voir le rapport complet"},
  {L::new_finding, "new", "nouveau"},
  {L::known_finding, "known", "connu"},
  {L::baseline_summary, "Against the baseline: {} new failures, {} already known.", "Par rapport à la référence\u00A0: {} nouveaux échecs, {} déjà connus."},
  {L::waiver_until, "until", "jusqu'au"},
  {L::filters, "Filters", "Filtres"},
  {L::filter_principle, "Principle", "Principe"},
  {L::filter_status, "Status", "Statut"},
  {L::facts, "What the repository shows", "Ce que montre le dépôt"},
  {L::licenses, "Licences", "Licences"},
  {L::trackers, "Trackers", "Traceurs"},
  {L::languages, "Languages", "Langues"},
  {L::accessibility_statement, "Accessibility statement", "Déclaration d'accessibilité"},
  {L::history, "History", "Historique"},
  {L::last_commit, "Last commit", "Dernier commit"},
  {L::commits_90d, "Commits (90 days)", "Commits (90 jours)"},
  {L::commits_365d, "Commits (365 days)", "Commits (365 jours)"},
  {L::contributors_365d, "Contributors (365 days)", "Contributeurs (365 jours)"},
  {L::contributor_absence_factor, "Contributor absence factor", "Facteur d'absence des contributeurs"},
  {L::last_tag, "Last tag", "Dernière étiquette"},
  {L::none, "none", "aucun"},
  {L::not_scored, "not scored", "non noté"},
  {L::data_table, "Data table", "Tableau des données"},
  {L::month, "Month", "Mois"},
  {L::line, "line", "ligne"},
  {L::note, "Note", "Note"},
  {L::score_out_of, "out of 100", "sur 100"},
  {L::diff_title, "Changes between the two reports", "Évolution entre les deux rapports"},
  {L::diff_new, "New failures", "Nouveaux échecs"},
  {L::diff_fixed, "Fixed", "Corrigés"},
  {L::diff_now, "now", "désormais"},
  {L::diff_unchanged, "No finding appeared or disappeared.", "Aucun constat n'est apparu ni n'a disparu."},
  {L::diff_worse, "Something got worse.", "Quelque chose s'est dégradé."},
  {L::diff_better, "Nothing got worse.", "Rien ne s'est dégradé."},
  {L::diff_same, "unchanged", "inchangé"},
  {L::findings_not_shown, "{} more findings not shown, see the full report", "{} autres constats non affichés, voir le rapport complet"},
  {L::results_not_included, "{} failing results were left out: GitHub accepts at most {} results per run.", "{} résultats en échec ont été omis\u00A0: GitHub accepte au plus {} résultats par exécution."},
  {L::sarif_charter_location, "No file evidence: located on the charter.", "Pas de preuve dans un fichier\u00A0: rattaché à la charte."},
  {L::pass_status, "Passed", "Réussi"},
  {L::fail_status, "Failed", "Échec"},
  {L::skip_status, "Skipped", "Sans objet"},
  {L::error_status, "Error", "Erreur"},
  {L::waived_status, "Waived", "Dérogation"},
  {L::charter_error_note, "Rule could not be evaluated", "La règle n'a pas pu être évaluée"},
  {L::license_unknown, "unrecognised licence", "licence non reconnue"},
  {L::stats, "Scan", "Analyse"},
  {L::files_scanned, "files scanned", "fichiers analysés"},
  {L::duration, "duration", "durée"},
  {L::month_axis, "month", "mois"},
  {L::show_all, "All", "Tous"},
  // text report and batch index
  {L::colon, ": ", "\u00A0: "},
  {L::audit_of, "audit of", "audit de"},
  {L::worktree_short, "working tree", "copie de travail"},
  {L::charter_none_short, "none found (evidence only)", "aucune (preuves seules)"},
  {L::not_available, "n/a", "n.\u00A0d."},
  {L::new_since_baseline, "NEW since the baseline", "NOUVEAU depuis la référence"},
  {L::count_passed, "passed", "réussies"},
  {L::count_failed, "failed", "en échec"},
  {L::count_errors, "errors", "erreurs"},
  {L::count_waived, "waived", "dérogations"},
  {L::count_skipped, "skipped", "sans objet"},
  {L::not_evaluated, "Could not be evaluated (not counted in the score)", "Non évaluées (hors score)"},
  {L::batch_title, "pacte batch audit", "Audit pacte par lot"},
  {L::batch_counts, "{} repositories: {} audited, {} could not be audited, {} failed the gate.", "{} dépôts\u00A0: {} audités, {} non audités, {} en échec au seuil."},
  {L::batch_charter, "charter {}", "charte {}"},
  {L::gate, "Gate", "Seuil"},
  {L::gate_pass, "pass", "réussi"},
  {L::gate_fail, "fail", "échec"},
  {L::batch_verdicts, "Verdicts", "Verdicts"},
  {L::batch_not_audited, "not audited", "non audité"},
  {L::batch_principle_scores, "Scores by principle", "Scores par principe"},
  {L::batch_band_high, "80 and above", "80 et plus"},
  {L::batch_band_mid, "60 to under 80", "de 60 à moins de 80"},
  {L::batch_band_low, "under 60", "moins de 60"},
  {L::batch_repositories, "Repositories", "Dépôts"},
  {L::batch_critical, "Critical failures", "Échecs critiques"},
  {L::batch_change, "Change", "Évolution"},
  {L::batch_search, "Search by name", "Rechercher par nom"},
  {L::batch_filter_principle, "Principle failing", "Principe en échec"},
  {L::batch_shown, "{} of {} repositories shown", "{} dépôts affichés sur {}"},
  {L::batch_sorted, "Sorted by repository. Select a column heading to sort by that column.", "Trié par dépôt. Sélectionnez un en-tête de colonne pour trier selon cette colonne."},
  {L::batch_previous, "Compared with the previous run in {}: {} added, {} removed, {} with a higher score, {} with a lower score, {} with new failures.",
   "Comparé à l'audit précédent du dossier {}. Dépôts ajoutés\u00A0: {}, retirés\u00A0: {}, en hausse\u00A0: {}, en baisse\u00A0: {}, avec de nouveaux échecs\u00A0: {}."},
  {L::batch_removed, "Removed since the previous run", "Retirés depuis l'audit précédent"},
  {L::batch_removed_none, "No repository of the previous run is missing.", "Aucun dépôt de l'audit précédent ne manque."},
  {L::batch_added, "new in this run", "nouveau dans cet audit"},
  {L::batch_new_failures, "new failures: {}", "nouveaux échecs\u00A0: {}"},
  {L::batch_fixed_failures, "fixed: {}", "corrigés\u00A0: {}"},
  {L::batch_was, "was {}", "auparavant {}"},
  {L::batch_rules_not_compared, "failed rules not compared (not audited in one of the runs)", "règles en échec non comparées (non audité lors de l'un des deux audits)"},
  {L::batch_no_change, "no change", "inchangé"},
  {L::batch_distribution, "{}: {} ({})", "{}\u00A0: {} ({})"},
  {L::evidence_count, "Evidence ({})", "Preuves ({})"},
  {L::activity_dormant, "No commit in the last 24 months: the repository is dormant.", "Aucun commit au cours des 24 derniers mois\u00A0: le dépôt est en sommeil."},
  {L::files_not_read, "Files not read", "Fichiers non lus"},
  {L::read_summary, "Read {} files, {} commits, {} ms", "{} fichiers lus, {} commits parcourus, {}\u00A0ms"},
  {L::left_out_search, "Left out of the tracker search: {} vendored, generated, minified or lock files",
   "Écartés de la recherche de traceurs\u00A0: {} fichiers tiers embarqués, générés, minifiés ou de verrouillage"},
  {L::files_not_read_count, "{} files could not be read", "{} fichiers n'ont pas pu être lus"},
  {L::policy_applied, "Policy applied", "Politique appliquée"},
  {L::policy_disabled, "{} disabled by the charter: {}", "{} désactivée par la charte\u00A0: {}"},
  {L::policy_regraded, "{} re-graded from {} to {} by the charter: {}", "{} reclassée de {} à {} par la charte\u00A0: {}"},
  {L::policy_findings_waived, "{}: {} finding(s) waived ({}) until {}: {}", "{}\u00A0: {} constat(s) couvert(s) par dérogation ({}) jusqu'au {}\u00A0: {}"},
  {L::policy_gate, "Gate defaults from the charter: {}", "Seuils par défaut de la charte\u00A0: {}"},
  // evidence apart from declaration
  {L::undeclared, "Undeclared", "Non déclarées"},
  {L::undeclared_status, "Undeclared", "Non déclarée"},
  {L::count_undeclared, "undeclared", "non déclarées"},
  {L::undeclared_section, "Undeclared: no charter says it, not counted in the score", "Non déclarées\u00A0: aucune charte ne le précise, hors score"},
  {L::evidence_score, "Evidence score", "Score des preuves"},
  {L::declaration_score, "Declaration score", "Score des déclarations"},
  {L::basis, "Basis", "Fondement"},
  {L::gate_none, "none", "aucun"},
  {L::trend_title, "Trend over time", "Évolution dans le temps"},
  {L::trend_date, "Date", "Date"},
  {L::trend_revision, "Revision", "Révision"},
  {L::trend_changes, "Since the previous point", "Depuis le point précédent"},
  {L::trend_chart, "Score of each audited revision, oldest first", "Score de chaque révision auditée, de la plus ancienne à la plus récente"},
  {L::trend_no_change, "no change", "aucun changement"},
};
// clang-format on

static_assert(std::size(kLabels) == static_cast<std::size_t>(L::count_), "one entry per label");

constexpr bool labels_in_order() {
  for (std::size_t i = 0; i < std::size(kLabels); ++i)
    if (static_cast<std::size_t>(kLabels[i].id) != i) return false;
  return true;
}
static_assert(labels_in_order(), "kLabels follows the order of enum L");

}  // namespace

std::string_view label(L id, Lang lang) {
  const Entry& e = kLabels[static_cast<std::size_t>(id)];
  return lang == Lang::fr ? e.fr : e.en;
}

std::string principle_label(std::string_view key, Lang lang) {
  bool fr = lang == Lang::fr;
  if (key == "openness") return fr ? "Ouverture" : "Openness";
  if (key == "neutrality") return fr ? "Neutralité" : "Neutrality";
  if (key == "continuity") return fr ? "Continuité" : "Continuity";
  if (key == "equal_access") return fr ? "Égalité d'accès" : "Equal access";
  return std::string(key);
}

std::string verdict_label(std::string_view verdict, Lang lang) {
  bool fr = lang == Lang::fr;
  if (verdict == "compliant") return fr ? "conforme" : "compliant";
  if (verdict == "conditional") return fr ? "conforme sous conditions" : "conditional";
  if (verdict == "non-compliant") return fr ? "non conforme" : "non-compliant";
  if (verdict == "no-charter") return fr ? "sans charte" : "no charter";
  return std::string(verdict);
}

std::string basis_word(std::string_view basis, Lang lang) {
  bool fr = lang == Lang::fr;
  if (basis == "evidence") return fr ? "preuves" : "evidence";
  if (basis == "declaration") return fr ? "déclaration" : "declaration";
  if (basis == "cross-check") return fr ? "recoupement" : "cross-check";
  return std::string(basis);
}

std::string basis_label(std::string_view basis, Lang lang) {
  bool fr = lang == Lang::fr;
  if (basis == "evidence") return fr ? "preuves (le code seul)" : "evidence (the code alone)";
  if (basis == "declaration") return fr ? "déclaration (la charte seule)" : "declaration (the charter alone)";
  if (basis == "cross-check") return fr ? "recoupement (la charte confrontée au code)" : "cross-check (the charter against the code)";
  return std::string(basis);
}

int severity_rank(std::string_view severity) {
  for (std::size_t i = 0; i < std::size(kSeverities); ++i)
    if (kSeverities[i] == severity) return static_cast<int>(i);
  return static_cast<int>(std::size(kSeverities));
}

std::string severity_word(std::string_view severity, Lang lang) {
  if (lang == Lang::en || severity_rank(severity) >= 4) return std::string(severity);
  if (severity == "critical") return "critique";
  if (severity == "high") return "élevée";
  if (severity == "medium") return "moyenne";
  return "faible";
}

std::string severity_label(std::string_view severity, Lang lang) {
  bool fr = lang == Lang::fr;
  if (severity == "critical") return fr ? "Critique" : "Critical";
  if (severity == "high") return fr ? "Élevée" : "High";
  if (severity == "medium") return fr ? "Moyenne" : "Medium";
  if (severity == "low") return fr ? "Faible" : "Low";
  return std::string(severity);
}

std::string status_label(std::string_view status, Lang lang) {
  if (status == "pass") return std::string(label(L::pass_status, lang));
  if (status == "fail") return std::string(label(L::fail_status, lang));
  if (status == "skip") return std::string(label(L::skip_status, lang));
  if (status == "error") return std::string(label(L::error_status, lang));
  if (status == "waived") return std::string(label(L::waived_status, lang));
  if (status == "undeclared") return std::string(label(L::undeclared_status, lang));
  return std::string(status);
}

std::string format_score(std::optional<double> score, Lang lang) {
  if (!score) return "\xE2\x80\x93";  // en dash
  return format_number(*score, 1, lang);
}

std::string format_number(double value, int decimals, Lang lang) {
  std::string s = fmt::format("{:.{}f}", value, std::max(decimals, 0));
  if (s.find_first_not_of("-0.") == std::string::npos && s.front() == '-') s.erase(0, 1);  // no "-0.0"
  if (lang == Lang::fr) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string format_percent(double percent, int decimals, Lang lang) {
  return format_number(percent, decimals, lang) + (lang == Lang::fr ? std::string(kNbsp) + "%" : "%");
}

std::string typeset(std::string_view text, Lang lang) {
  if (lang != Lang::fr) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  auto closing = [](char c) { return c == ':' || c == ';' || c == '?' || c == '!' || c == '%'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool before_closing = i + 1 < text.size() && (closing(text[i + 1]) || text.substr(i + 1, 2) == "\xC2\xBB");
    bool after_opening = i >= 2 && text.substr(i - 2, 2) == "\xC2\xAB";
    if (c == ' ' && (before_closing || after_opening)) {
      out += kNbsp;
      continue;
    }
    out += c;
    if (c >= '0' && c <= '9' && i + 1 < text.size() && text[i + 1] == '%') out += kNbsp;
  }
  return out;
}

std::string counted(std::size_t count, L one, L many, Lang lang) {
  bool singular = count == 1 || (count == 0 && lang == Lang::fr);
  return fmt::format(fmt::runtime(label(singular ? one : many, lang)), count);
}

std::string format_delta(double delta, Lang lang) {
  double rounded = std::round(delta * 10.0) / 10.0;
  std::string s = format_number(std::fabs(rounded), 1, lang);
  if (rounded > 0) return "+" + s;
  if (rounded < 0) return "\xE2\x88\x92" + s;  // minus sign
  return "\xC2\xB1" + s;                       // ±
}

}  // namespace pacte
