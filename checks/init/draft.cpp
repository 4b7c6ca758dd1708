#include "checks/init/draft.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "checks/a11y/languages.hpp"
#include "checks/base/vocabulary.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/facts.hpp"
#include "checks/init/yaml_text.hpp"
#include "checks/license/license.hpp"

namespace pacte {

namespace {

bool valid_email(const std::string& s) {
  auto at = s.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == s.size() || s.find('@', at + 1) != std::string::npos) return false;
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

}  // namespace

bool valid_language_tag(const std::string& s) {
  std::size_t i = 0, n = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i, ++n;
  if (n < 2 || n > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    ++i;
    n = 0;
    while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i, ++n;
    if (n < 2 || n > 8) return false;
  }
  return true;
}

namespace {

bool valid_date(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && parse_date(s).has_value();
}

std::string lower(std::string s) { return ascii_lower(s); }

// The part of a path after the last '/'.
std::string base_name(const std::string& path) {
  auto cut = path.rfind('/');
  return cut == std::string::npos ? path : path.substr(cut + 1);
}

bool in_vendored_folder(const std::string& path) {
  for (const char* dir : {"node_modules/", "vendor/", "third_party/", "dist/", "build/"})
    if (path.rfind(dir, 0) == 0 || path.find(std::string("/") + dir) != std::string::npos) return true;
  return false;
}

}  // namespace

std::string tracker_purpose(const std::string& category) {
  if (category == "ads" || category == "ad-pixel") return "advertising";
  if (category == "analytics") return "audience";
  if (category == "crash") return "errors";
  if (category == "attribution") return "attribution";
  if (category == "session-replay") return "session-replay";
  if (category == "support-chat") return "support";
  return "other";
}

namespace {

// Writes the draft, one section after the other, and records what was inferred or left.
class DraftWriter {
 public:
  DraftWriter(AuditContext& ctx, const DraftOptions& opt) : ctx_(ctx), opt_(opt), y_(36, opt.lang) { load_publiccode_file(); }

  CharterDraft write() {
    header();
    service();
    y_.blank();
    openness();
    y_.blank();
    neutrality();
    y_.blank();
    continuity();
    y_.blank();
    equal_access();
    y_.blank();
    waivers();
    draft_.text = y_.text();
    return std::move(draft_);
  }

 private:
  // What the team must declare, after "TODO: ".
  std::string todo(const Text& what) const { return Text{"TODO: " + what.en, "TODO\u00A0: " + what.fr}.in(opt_.lang); }
  // A value that keeps the draft valid but fails the audit until the team replaces it.
  std::string placeholder(const Text& what) const {
    return Text{"TODO (placeholder): " + what.en, "TODO (valeur d'attente)\u00A0: " + what.fr}.in(opt_.lang);
  }

  // A value found in publiccode.yml, as a string.
  std::optional<std::string> pc_string(const std::string& dotted) const {
    if (!pc_) return std::nullopt;
    const nlohmann::json* v = pc_->field(dotted);
    if (v && v->is_string() && !v->get<std::string>().empty()) return v->get<std::string>();
    return std::nullopt;
  }
  const nlohmann::json* pc_field(const std::string& dotted) const { return pc_ ? pc_->field(dotted) : nullptr; }

  void load_publiccode_file() {
    for (const char* loc : {"publiccode.yml", "publiccode.yaml"}) {
      const FileEntry* e = ctx_.snapshot.find(loc);
      if (!e || e->kind != EntryKind::file) continue;
      auto text = ctx_.snapshot.read(*e);
      if (!text) continue;
      try {
        pc_ = load_publiccode(*text, loc);
        pc_path_ = loc;
        pc_problems_ = pc_->errors;
      } catch (const InputError& err) {
        pc_problems_.push_back(err.what());
      }
      return;
    }
  }

  // `dotted` was filled from evidence (or publiccode.yml).
  void inferred(const std::string& dotted) { draft_.inferred.push_back(dotted); }
  // `key: value` commented out, left to the team.
  void left(int indent, const std::string& dotted, const std::string& example, const std::string& comment) {
    y_.commented(indent, example, comment);
    draft_.todo.push_back(dotted);
  }

  // A file of the snapshot whose lower-cased base name starts with one of `stems` and has a
  // documentation extension (or none); root files first.
  std::vector<std::string> find_docs(const std::vector<std::string>& stems, std::size_t max = 3) const {
    std::vector<std::string> root, deeper;
    for (const auto& e : ctx_.snapshot.files()) {
      if (e.kind != EntryKind::file || in_vendored_folder(e.path)) continue;
      std::string name = lower(base_name(e.path));
      auto dot = name.rfind('.');
      std::string ext = dot == std::string::npos ? "" : name.substr(dot);
      if (!(ext.empty() || ext == ".md" || ext == ".markdown" || ext == ".rst" || ext == ".txt" || ext == ".adoc" ||
            ext == ".html"))
        continue;
      bool hit = std::any_of(stems.begin(), stems.end(), [&](const std::string& s) { return name.rfind(s, 0) == 0; });
      if (!hit) continue;
      (e.path.find('/') == std::string::npos ? root : deeper).push_back(e.path);
    }
    root.insert(root.end(), deeper.begin(), deeper.end());
    if (root.size() > max) root.resize(max);
    return root;
  }

  void header() {
    std::string date = iso8601(ctx_.now).substr(0, 10);
    y_.comment(0, Text{"pacte charter (format 1): draft written by `pacte init` on " + date + " from " + opt_.source_label + ".",
                    "Charte pacte (format 1)\u00A0: brouillon rédigé par `pacte init` le " + date + " d'après " + opt_.source_label + "."}.in(opt_.lang));
    y_.comment(0, Text{"Values without TODO come from the repository (the comment says where) or from publiccode.yml: check them.",
                    "Les valeurs sans TODO viennent du dépôt (le commentaire dit où) ou de publiccode.yml\u00A0: vérifiez-les."}.in(opt_.lang));
    y_.comment(0, Text{"TODO lines are yours to declare: uncomment the key (\"# key: value\" -> \"key: value\") and write the truth.",
                    "Les lignes TODO sont à déclarer par vous\u00A0: décommentez la clé («\u00A0# clé: valeur\u00A0» -> «\u00A0clé: valeur\u00A0») et écrivez ce qui est vrai."}.in(opt_.lang));
    y_.comment(0, Text{"\"TODO (placeholder)\" values are required by the format and only keep this draft valid: the audit",
                    "Les valeurs «\u00A0TODO (valeur d'attente)\u00A0» sont exigées par le format et gardent seulement ce brouillon valide\u00A0:"}.in(opt_.lang));
    y_.comment(0, Text{"fails them until you replace them. Then run: pacte validate && pacte audit (pacte explain RULE-ID for help).",
                    "l'audit les refuse tant que vous ne les remplacez pas. Puis\u00A0: pacte validate && pacte audit (aide\u00A0: pacte explain RÈGLE)."}.in(opt_.lang));
    for (const auto& p : pc_problems_) y_.comment(0, "publiccode.yml: " + p);
    y_.line(0, "pacte: 1");
  }

  void service() {
    y_.line(0, "service:");
    if (auto v = pc_string("service.name")) {
      y_.line(2, "name: " + yaml_scalar(*v), Text{"from " + pc_path_, "d'après " + pc_path_}.in(opt_.lang));
    } else {
      y_.line(2, "name: " + yaml_scalar(opt_.service_name),
              Text{"from the repository's name: write the name users know", "d'après le nom du dépôt\u00A0: écrivez le nom que les usagers connaissent"}.in(opt_.lang));
    }
    inferred("service.name");
    if (auto v = pc_string("service.description")) {
      y_.line(2, "description: " + yaml_scalar(*v), Text{"from " + pc_path_, "d'après " + pc_path_}.in(opt_.lang));
      inferred("service.description");
    } else {
      left(2, "service.description", Text{"description: \"What the service does, for whom\"", "description: \"Ce que fait le service, pour qui\""}.in(opt_.lang),
           todo({"one sentence on what the service does", "une phrase sur ce que fait le service"}));
    }
    if (auto v = pc_string("service.url"); v && v->find("://") != std::string::npos) {
      y_.line(2, "url: " + yaml_scalar(*v), Text{"from " + pc_path_ + " (landingURL)", "d'après " + pc_path_ + " (landingURL)"}.in(opt_.lang));
      inferred("service.url");
    } else {
      left(2, "service.url", "url: https://service.example.org",
           todo({"the address where users reach the service", "l'adresse où les usagers trouvent le service"}));
    }
    if (auto v = pc_string("service.repository")) {
      y_.line(2, "repository: " + yaml_scalar(*v), Text{"from " + pc_path_, "d'après " + pc_path_}.in(opt_.lang));
      inferred("service.repository");
    } else if (!opt_.repository_url.empty()) {
      y_.line(2, "repository: " + yaml_scalar(opt_.repository_url), Text{"the git remote", "le dépôt git distant"}.in(opt_.lang));
      inferred("service.repository");
    } else {
      left(2, "service.repository", "repository: https://git.example.org/team/service.git",
           todo({"where the public can read the code", "où le public peut lire le code"}));
    }
    if (auto v = pc_string("service.operator")) {
      y_.line(2, "operator: " + yaml_scalar(*v), Text{"from " + pc_path_ + " (legal)", "d'après " + pc_path_ + " (legal)"}.in(opt_.lang));
      inferred("service.operator");
    } else {
      left(2, "service.operator", Text{"operator: \"Association, administration or company\"", "operator: \"Association, administration ou entreprise\""}.in(opt_.lang),
           todo({"who runs the service", "qui exploite le service"}));
    }
    left(2, "service.contacts", "contacts:", todo({"who the public can write to", "à qui le public peut écrire"}));
    y_.commented(4, Text{"- {name: \"First Last\", email: contact@example.org}", "- {name: \"Prénom Nom\", email: contact@example.org}"}.in(opt_.lang));
  }

  void openness() {
    y_.line(0, "openness:");
    const auto& files = license_files(ctx_);
    const LicenseFile* identified = nullptr;
    for (const auto& f : files)
      if (f.match.spdx && (!identified || (f.path.find('/') == std::string::npos && identified->path.find('/') != std::string::npos)))
        identified = &f;
    // A similarity (0 to 1) as a whole percentage, rounded down: "97%" / "97 %".
    auto pct = [this](double c) { return format_percent(std::floor(c * 100), 0, opt_.lang); };
    if (auto v = pc_string("openness.license")) {
      std::string note = Text{"from " + pc_path_ + " (legal.license)", "d'après " + pc_path_ + " (legal.license)"}.in(opt_.lang);
      if (identified) {
        auto expr = parse_spdx_expression(*v);
        if (expr && !license_agrees(*expr, *identified->match.spdx))
          note += Text{"; but " + identified->path + " is " + *identified->match.spdx + ": make them agree",
                    "\u00A0; mais " + identified->path + " est " + *identified->match.spdx + "\u00A0: mettez-les d'accord"}.in(opt_.lang);
      }
      y_.line(2, "license: " + yaml_scalar(*v), note);
      inferred("openness.license");
    } else if (identified) {
      y_.line(2, "license: " + yaml_scalar(*identified->match.spdx),
              Text{"detected in " + identified->path + " (" + pct(identified->match.confidence) + " similar)",
                "détectée dans " + identified->path + " (similarité " + pct(identified->match.confidence) + ")"}.in(opt_.lang));
      inferred("openness.license");
      for (const auto& f : files)
        if (&f != identified && f.match.spdx && *f.match.spdx != *identified->match.spdx)
          y_.comment(2, Text{"also found: " + f.path + " (" + *f.match.spdx + "); write an SPDX expression if both apply (\"A AND B\")",
                          "également trouvée\u00A0: " + f.path + " (" + *f.match.spdx + ")\u00A0; écrivez une expression SPDX si les deux s'appliquent («\u00A0A AND B\u00A0»)"}.in(opt_.lang));
    } else {
      std::string why;
      if (files.empty()) {
        why = Text{"no licence file found (LICENSE, COPYING, LICENSES/*.txt)", "aucun fichier de licence (LICENSE, COPYING, LICENSES/*.txt)"}.in(opt_.lang);
      } else {
        const LicenseFile& f = files.front();
        why = f.match.closest.empty()
                  ? Text{f.path + " matches no known licence", f.path + " ne correspond à aucune licence connue"}.in(opt_.lang)
                  : Text{f.path + " is closest to " + f.match.closest + " (" + pct(f.match.confidence) + ") but differs from it",
                      f.path + " ressemble à " + f.match.closest + " (" + pct(f.match.confidence) + ") sans être identique"}.in(opt_.lang);
      }
      y_.comment(2, placeholder({why + "; write the SPDX id of your licence (e.g. AGPL-3.0-or-later, MIT, EUPL-1.2) and commit its unmodified text as LICENSE",
                                why + "\u00A0; écrivez l'identifiant SPDX de votre licence (ex. AGPL-3.0-or-later, MIT, EUPL-1.2) et versionnez son texte intact dans LICENSE"}));
      y_.line(2, "license: LicenseRef-TODO", placeholder({"not a licence", "pas une licence"}));
      draft_.placeholders.push_back("openness.license");
    }
    left(2, "openness.data_license", "data_license: etalab-2.0",
         todo({"licence of the data the service publishes (etalab-2.0, ODbL-1.0)", "licence des données publiées (etalab-2.0, ODbL-1.0)"}));
    left(2, "openness.open_data", "open_data:", todo({"the datasets the service publishes", "les jeux de données publiés"}));
    y_.commented(4, Text{"- {name: Dataset, url: https://example.org/data.csv, format: csv, license: etalab-2.0}",
                      "- {name: Jeu de données, url: https://example.org/data.csv, format: csv, license: etalab-2.0}"}.in(opt_.lang));
    auto contributing = find_docs({"contributing"}, 1);
    if (!contributing.empty()) {
      y_.line(2, "contributing: " + yaml_scalar(contributing.front()), Text{"found in the repository", "trouvé dans le dépôt"}.in(opt_.lang));
      inferred("openness.contributing");
    } else {
      left(2, "openness.contributing", "contributing: CONTRIBUTING.md",
           todo({"a guide saying how to contribute (none found)", "un guide pour contribuer (aucun trouvé)"}));
    }
  }

  void neutrality() {
    y_.line(0, "neutrality:");
    const auto& detections = tracker_state(ctx_).detections;
    std::vector<const TrackerDetection*> shipped, dev_only;
    for (const auto& d : detections) (d.only_dev_or_test ? dev_only : shipped).push_back(&d);
    std::string ads;
    for (const auto* d : shipped)
      if (d->signature->category == "ads") ads += (ads.empty() ? "" : ", ") + d->signature->name;
    if (!ads.empty())
      y_.comment(2, Text{"advertising code detected: " + ads + ". Advertising can never comply with the Pact.",
                      "code publicitaire détecté\u00A0: " + ads + ". La publicité n'est jamais compatible avec le Pacte."}.in(opt_.lang));
    y_.comment(2, placeholder({"pacte cannot know whether the service shows advertising. `true` fails NEUT-ADVERTISING-DECLARED;",
                              "pacte ne peut pas savoir si le service affiche de la publicité. `true` échoue à NEUT-ADVERTISING-DECLARED\u00A0;"}));
    y_.comment(2, Text{"write `false` once you can declare that the service shows no advertising.",
                    "écrivez `false` quand vous pouvez déclarer que le service n'affiche aucune publicité."}.in(opt_.lang));
    y_.line(2, "advertising: true", placeholder({"see above", "voir ci-dessus"}));
    draft_.placeholders.push_back("neutrality.advertising");
    left(2, "neutrality.data_sale", "data_sale: false",
         todo({"false if user data is never sold or rented", "false si les données des usagers ne sont jamais vendues ni louées"}));
    left(2, "neutrality.funding", "funding:",
         todo({"how the service is funded; kind: `public-grant`, `public-contract`, `donation`, `membership`, `sponsorship`, `service-fees`, `volunteer` or `other`",
              "comment le service est financé\u00A0; valeurs de `kind`\u00A0: `public-grant`, `public-contract`, `donation`, `membership`, `sponsorship`, `service-fees`, `volunteer` ou `other`"}));
    y_.commented(4, Text{"- {source: \"Who pays\", kind: public-grant, share: 100}", "- {source: \"Qui finance\", kind: public-grant, share: 100}"}.in(opt_.lang));
    if (!shipped.empty()) {
      y_.line(2, "trackers:", Text{"detected in the code: say what each one is for, or remove it from the code",
                                "détectés dans le code\u00A0: dites à quoi chacun sert, ou retirez-le du code"}.in(opt_.lang));
      for (const auto* d : shipped) tracker(*d);
      inferred("neutrality.trackers");
    } else {
      left(2, "neutrality.trackers", "trackers:",
           todo({"none detected; list any audience or error measurement the service uses",
                "aucun détecté\u00A0; listez toute mesure d'audience ou d'erreurs utilisée"}));
      y_.commented(4, "- {name: Matomo, purpose: audience, self_hosted: true, consent: exempt}");
    }
    for (const auto* d : dev_only) {
      const TrackerHit& h = d->hits.front();
      y_.comment(2, Text{d->signature->name + " appears only in tests, docs, comments or development dependencies (" + where(h) + "): not listed",
                      d->signature->name + " n'apparaît que dans des tests, la documentation, des commentaires ou des dépendances de développement (" + where(h) + ")\u00A0: non listé"}.in(opt_.lang));
    }
    left(2, "neutrality.sponsored_ranking", "sponsored_ranking: false",
         todo({"false if no result is ranked or placed for money", "false si aucun résultat n'est classé ou placé contre paiement"}));
  }

  static std::string where(const TrackerHit& h) {
    return h.evidence.line > 0 ? h.evidence.path + ":" + std::to_string(h.evidence.line) : h.evidence.path;
  }

  void tracker(const TrackerDetection& d) {
    const Signature& sig = *d.signature;
    const TrackerHit* best = &d.hits.front();
    for (const auto& h : d.hits)
      if (h.context == "code" && !h.dev) {
        best = &h;
        break;
      }
    std::string found = sig.category + (sig.vendor.empty() ? "" : " (" + sig.vendor + ")") + Text{", found in ", ", trouvé dans "}.in(opt_.lang) + where(*best);
    if (d.hits.size() > 1)
      found += Text{" and " + std::to_string(d.hits.size() - 1) + " more", " et " + std::to_string(d.hits.size() - 1) + (d.hits.size() == 2 ? " autre" : " autres")}.in(opt_.lang);
    y_.line(4, "- name: " + yaml_scalar(sig.name), found);
    y_.line(6, "purpose: " + tracker_purpose(sig.category),
            Text{"from its category (" + sig.category + "); correct it if it serves another purpose",
              "d'après sa catégorie (" + sig.category + ")\u00A0; corrigez si l'usage est autre"}.in(opt_.lang));
    if (!sig.self_hostable) {
      y_.line(6, "self_hosted: false", Text{sig.name + " cannot be self-hosted", sig.name + " ne peut pas être auto-hébergé"}.in(opt_.lang));
    } else {
      y_.commented(6, "self_hosted: true", todo({"true if it runs on your own servers", "true s'il tourne sur vos serveurs"}));
      draft_.todo.push_back("neutrality.trackers[" + sig.name + "].self_hosted");
    }
    y_.commented(6, std::string("consent: ") + (sig.consent_exempt_possible ? "exempt" : "required"),
                 sig.consent_exempt_possible
                     ? todo({"`exempt` (configured for the CNIL consent exemption), `required` (asks consent) or `none`",
                            "`exempt` (configuré pour l'exemption de consentement de la CNIL), `required` (demande le consentement) ou `none`"})
                     : todo({"`required` (asks consent) or `none`; " + sig.name + " cannot be exempt from consent",
                            "`required` (demande le consentement) ou `none`\u00A0; " + sig.name + " ne peut pas être exempté de consentement"}));
    draft_.todo.push_back("neutrality.trackers[" + sig.name + "].consent");
  }

  void continuity() {
    y_.line(0, "continuity:");
    if (auto v = pc_string("continuity.maintenance")) {
      y_.line(2, "maintenance: " + yaml_scalar(*v), Text{"from " + pc_path_, "d'après " + pc_path_}.in(opt_.lang));
      inferred("continuity.maintenance");
    } else {
      left(2, "continuity.maintenance", "maintenance: community",
           todo({"`internal`, `contract`, `community` or `none`", "`internal`, `contract`, `community` ou `none`"}));
    }
    maintainers();
    auto succession = find_docs({"continuit", "succession", "governance", "gouvernance"});
    auto exports = find_docs({"export", "portabilit", "data-export", "donnees"});
    left(2, "continuity.succession_plan", "succession_plan: " + yaml_scalar(succession.empty() ? "docs/continuity.md" : succession.front()),
         succession.empty() ? todo({"a document saying who takes over the service, and how", "un document qui dit qui reprend le service, et comment"})
                            : todo({"found " + succession.front() + ": uncomment if it is your succession plan",
                                   succession.front() + " trouvé\u00A0: décommentez si c'est votre plan de succession"}));
    left(2, "continuity.data_export", "data_export: " + yaml_scalar(exports.empty() ? "docs/export.md" : exports.front()),
         exports.empty() ? todo({"a document saying how users take their data elsewhere", "un document qui dit comment les usagers récupèrent leurs données"})
                         : todo({"found " + exports.front() + ": uncomment if it explains how users take their data elsewhere",
                                exports.front() + " trouvé\u00A0: décommentez s'il explique comment les usagers récupèrent leurs données"}));
    left(2, "continuity.support_until", "support_until: 2028-12-31",
         todo({"the date until which the team commits to run the service", "la date jusqu'à laquelle l'équipe s'engage à faire vivre le service"}));
    auto security = find_docs({"security"}, 1);
    left(2, "continuity.security_contact", "security_contact: security@example.org",
         security.empty() ? todo({"where to report a vulnerability", "où signaler une vulnérabilité"})
                          : todo({security.front() + " found (enough for CONT-SECURITY-CONTACT); an address here is optional",
                                 security.front() + " trouvé (suffit pour CONT-SECURITY-CONTACT)\u00A0; une adresse ici est facultative"}));
  }

  void maintainers() {
    struct Entry {
      std::string name, email, comment;
    };
    std::vector<Entry> entries;
    std::set<std::string> seen;  // lower-cased names and emails already listed
    if (const nlohmann::json* list = pc_field("continuity.maintainers"); list && list->is_array())
      for (const auto& m : *list) {
        Entry e{m.value("name", ""), m.value("email", ""), Text{"from " + pc_path_ + " (maintenance.contacts)", "d'après " + pc_path_ + " (maintenance.contacts)"}.in(opt_.lang)};
        if (e.name.empty()) continue;
        seen.insert(lower(e.name));
        if (!e.email.empty()) seen.insert(lower(e.email));
        entries.push_back(e);
      }
    std::size_t from_history = 0;
    for (const auto& m : suggest_maintainers(ctx_, opt_.max_maintainers)) {
      if (entries.size() >= opt_.max_maintainers) break;
      if (seen.count(lower(m.name)) || (!m.email.empty() && seen.count(lower(m.email)))) continue;
      seen.insert(lower(m.name));
      entries.push_back({m.name, m.email,
                         Text{std::to_string(m.commits_365d) + (m.commits_365d == 1 ? " commit" : " commits") + " in the last 12 months",
                           std::to_string(m.commits_365d) + (m.commits_365d == 1 ? " commit" : " commits") + " ces 12 derniers mois"}.in(opt_.lang)});
      ++from_history;
    }
    if (entries.empty()) {
      std::string why = ctx_.history_available
                            ? Text{"no human contributor committed in the last 12 months", "aucun contributeur humain n'a enregistré de commit ces 12 derniers mois"}.in(opt_.lang)
                            : Text{"no git history to learn from", "pas d'historique git à consulter"}.in(opt_.lang);
      y_.line(2, "maintainers:");
      y_.comment(4, placeholder({why + "; list at least two people who maintain the service, with their emails",
                                why + "\u00A0; listez au moins deux personnes qui maintiennent le service, avec leur adresse"}));
      y_.line(4, "- name: TODO", placeholder({"a maintainer's name", "le nom d'un mainteneur"}));
      y_.commented(6, "email: maintainer@example.org");
      draft_.placeholders.push_back("continuity.maintainers");
      return;
    }
    y_.line(2, "maintainers:",
            from_history ? Text{"most active people of the last 12 months (git history, .mailmap applied, bots left out): keep those who maintain it",
                             "personnes les plus actives ces 12 derniers mois (historique git, .mailmap appliqué, robots exclus)\u00A0: gardez les mainteneurs"}.in(opt_.lang)
                         : std::string());
    for (const auto& e : entries) {
      y_.line(4, "- name: " + yaml_scalar(e.name), e.comment);
      if (valid_email(e.email)) y_.line(6, "email: " + yaml_scalar(e.email));
      else y_.commented(6, "email: name@example.org", todo({"their email", "son adresse"}));
    }
    inferred("continuity.maintainers");
  }

  void equal_access() {
    y_.line(0, "equal_access:");
    left(2, "equal_access.free_of_charge", "free_of_charge: true",
         todo({"true if the service is free for its users", "true si le service est gratuit pour ses usagers"}));
    left(2, "equal_access.pricing", Text{"pricing: \"What users pay, and who is exempt\"", "pricing: \"Ce que paient les usagers, et qui en est exempté\""}.in(opt_.lang),
         todo({"only when free_of_charge is false", "seulement si free_of_charge vaut false"}));
    languages();
    left(2, "equal_access.account_required", "account_required: false",
         todo({"true if users must create an account", "true si les usagers doivent créer un compte"}));
    left(2, "equal_access.login_methods", "login_methods: [email, franceconnect]",
         todo({"how users sign in: email, franceconnect, google, facebook, apple, ...", "comment les usagers se connectent\u00A0: email, franceconnect, google, facebook, apple, ..."}));
    accessibility();
    left(2, "equal_access.offline_channel", Text{"offline_channel: \"Telephone line, reception desks\"", "offline_channel: \"Ligne téléphonique, accueil physique\""}.in(opt_.lang),
         todo({"how people without internet access get the service", "comment les personnes sans accès à internet obtiennent le service"}));
  }

  void languages() {
    std::vector<std::string> tags;
    std::vector<std::string> sources;
    if (const nlohmann::json* list = pc_field("equal_access.languages"); list && list->is_array()) {
      for (const auto& l : *list)
        if (l.is_string() && valid_language_tag(l.get<std::string>()) &&
            std::find(tags.begin(), tags.end(), l.get<std::string>()) == tags.end())
          tags.push_back(l.get<std::string>());
      if (!tags.empty()) sources.push_back(pc_path_);
    }
    std::vector<std::string> catalogs;
    for (const auto& l : language_evidence(ctx_)) {
      if (!valid_language_tag(l.tag)) continue;
      bool known = std::any_of(tags.begin(), tags.end(), [&](const std::string& x) { return lower(x) == lower(l.tag); });
      if (!known) tags.push_back(l.tag);
      if (catalogs.size() < 3) catalogs.push_back(l.path);
    }
    if (!catalogs.empty()) {
      std::string list;
      for (const auto& c : catalogs) list += (list.empty() ? "" : ", ") + c;
      sources.push_back(Text{"catalogs ", "catalogues "}.in(opt_.lang) + list);
    }
    if (tags.empty()) {
      // No catalog: the main language the pages or the README show, saying where it came from.
      if (auto main = guess_main_language(ctx_.snapshot); main && valid_language_tag(main->tag)) {
        std::string where = main->path + (main->line > 0 ? ":" + std::to_string(main->line) : "");
        std::string more = main->pages > 1 ? std::to_string(main->pages - 1) : "";
        Text from = main->source == "html-lang"
                        ? Text{"no translation catalog; the <html lang> of the pages (" + where + (more.empty() ? "" : " and " + more + " more") + "): add any other language users can use",
                               "aucun catalogue de traduction ; le <html lang> des pages (" + where + (more.empty() ? "" : " et " + more + " autre(s)") + ") : ajoutez les autres langues proposées"}
                        : Text{"no translation catalog and no <html lang>; the words of " + where + ": check it is the language users get",
                               "aucun catalogue de traduction ni <html lang> ; les mots de " + where + " : vérifiez que c'est la langue proposée aux usagers"};
        y_.comment(2, from.in(opt_.lang));
        y_.line(2, "languages: " + yaml_flow_list({main->tag}));
        inferred("equal_access.languages");
        return;
      }
      y_.comment(2, placeholder({"no translation catalog found; `und` is BCP 47 for \"undetermined\": write the languages of the service, e.g. [fr, en]",
                                "aucun catalogue de traduction trouvé\u00A0; `und` signifie «\u00A0indéterminée\u00A0» en BCP 47\u00A0: écrivez les langues du service, ex. [fr, en]"}));
      y_.line(2, "languages: [und]", placeholder({"the languages users can use", "les langues proposées aux usagers"}));
      draft_.placeholders.push_back("equal_access.languages");
      return;
    }
    std::string from;
    for (const auto& s : sources) from += (from.empty() ? "" : "; ") + s;
    y_.line(2, "languages: " + yaml_flow_list(tags), Text{"from ", "d'après "}.in(opt_.lang) + from);
    inferred("equal_access.languages");
  }

  void accessibility() {
    const StatementFacts& st = statement_facts(ctx_);
    if (!st.found || st.path.empty()) {
      left(2, "equal_access.accessibility", "accessibility:",
           todo({"no accessibility statement found; publish one (loi 2005-102 art. 47) and declare it",
                "aucune déclaration d'accessibilité trouvée\u00A0; publiez-en une (loi 2005-102 art. 47) et déclarez-la"}));
      y_.commented(4, "statement: docs/accessibilite.md");
      y_.commented(4, "standard: RGAA 4.1");
      y_.commented(4, "status: none", todo({"`full`, `partial` or `none`, as the statement says", "`full`, `partial` ou `none`, comme le dit la déclaration"}));
      y_.commented(4, "audit_date: 2026-01-31");
      return;
    }
    y_.line(2, "accessibility:");
    y_.line(4, "statement: " + yaml_scalar(st.path), Text{"found in the repository", "trouvée dans le dépôt"}.in(opt_.lang));
    inferred("equal_access.accessibility.statement");
    if (!st.standard.empty()) {
      y_.line(4, "standard: " + yaml_scalar(st.standard), Text{"as the statement says", "comme le dit la déclaration"}.in(opt_.lang));
      inferred("equal_access.accessibility.standard");
    } else {
      left(4, "equal_access.accessibility.standard", "standard: RGAA 4.1",
           todo({"the statement names no standard", "la déclaration ne cite aucun référentiel"}));
    }
    if (st.status == "full" || st.status == "partial" || st.status == "none") {
      std::string line = st.status_line > 0 ? ":" + std::to_string(st.status_line) : "";
      if (!st.status_path.empty())
        y_.line(4, "status: " + st.status, Text{"as the footer " + st.status_path + line + " shows (the statement gives none)",
                                                "comme l'affiche le pied de page " + st.status_path + line + " (la déclaration n'en indique pas)"}.in(opt_.lang));
      else
        y_.line(4, "status: " + st.status, Text{"as " + st.path + line + " states", "comme l'indique " + st.path + line}.in(opt_.lang));
      inferred("equal_access.accessibility.status");
    } else {
      left(4, "equal_access.accessibility.status", "status: none",
           todo({"the statement gives no conformance status: `full`, `partial` or `none`",
                "la déclaration n'indique pas d'état de conformité\u00A0: `full`, `partial` ou `none`"}));
    }
    if (valid_date(st.audit_date)) {
      y_.line(4, "audit_date: " + st.audit_date, Text{"as the statement says", "comme le dit la déclaration"}.in(opt_.lang));
      inferred("equal_access.accessibility.audit_date");
    } else {
      left(4, "equal_access.accessibility.audit_date", "audit_date: 2026-01-31",
           todo({st.audit_date.empty() ? "the date of the accessibility audit (YYYY-MM-DD)" : "the statement says \"" + st.audit_date + "\": write it as YYYY-MM-DD",
                st.audit_date.empty() ? "la date de l'audit d'accessibilité (AAAA-MM-JJ)" : "la déclaration indique «\u00A0" + st.audit_date + "\u00A0»\u00A0: écrivez-la AAAA-MM-JJ"}));
    }
    if (!st.missing.empty()) {
      std::string miss;
      for (const auto& m : st.missing) miss += (miss.empty() ? "" : ", ") + m;
      y_.comment(4, Text{"the statement lacks: " + miss, "il manque à la déclaration\u00A0: " + miss}.in(opt_.lang));
    }
  }

  void waivers() {
    y_.comment(0, Text{"Accepted exceptions, each with a reason and an end date (pacte explain RULE-ID):",
                    "Exceptions acceptées, chacune avec une raison et une date de fin (pacte explain RÈGLE)\u00A0:"}.in(opt_.lang));
    y_.commented(0, "waivers:");
    y_.commented(2, Text{"- {rule: CONT-BUS-FACTOR, reason: \"A second maintainer joins in January\", until: 2027-02-01}",
                      "- {rule: CONT-BUS-FACTOR, reason: \"Un second mainteneur arrive en janvier\", until: 2027-02-01}"}.in(opt_.lang));
  }

  AuditContext& ctx_;
  const DraftOptions& opt_;
  YamlLines y_;
  CharterDraft draft_;
  std::optional<Charter> pc_;
  std::string pc_path_ = "publiccode.yml";
  std::vector<std::string> pc_problems_;
};

}  // namespace

std::vector<SuggestedMaintainer> suggest_maintainers(AuditContext& ctx, std::size_t max) {
  std::vector<SuggestedMaintainer> out;
  const HistoryState& hs = history_state(ctx);
  if (!hs.facts) return out;
  int human_commits = 0;
  for (const auto& c : hs.facts->contributors)
    if (!c.bot) human_commits += c.commits_365d;
  for (const auto& c : hs.facts->contributors) {  // sorted by commits_365d, most active first
    if (out.size() >= max) break;
    if (c.bot || c.commits_365d <= 0 || c.name.empty()) continue;
    if (out.size() >= 2 && c.commits_365d * 20 < human_commits) break;  // under 5% of the year
    out.push_back({c.name, c.email, c.commits_365d});
  }
  return out;
}

CharterDraft draft_charter(AuditContext& ctx, const DraftOptions& options) { return DraftWriter(ctx, options).write(); }

}  // namespace pacte
