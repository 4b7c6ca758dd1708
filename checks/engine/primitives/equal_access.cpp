// Equal-access primitives: the accessibility statement, static template checks, languages,
// and the access conditions the charter declares (price, accounts, offline channel).
#include <fmt/format.h>

#include <algorithm>

#include "checks/engine/facts.hpp"
#include "checks/engine/primitives/util.hpp"

namespace pacte {

namespace {

// ---------------------------------------------------------------- parameters
// Each primitive's parameters: a struct whose member initialisers are the defaults, beside
// the JSON Schema that checks them when a rule module is loaded, and the from_json that
// reads them.

/// Parameters of accessibility_template_defects.
struct TemplateChecksParams {
  /// Names of template checks, among a11y_check_names() (required).
  std::vector<std::string> checks;
  static nlohmann::json schema() {
    return params_schema({{"checks", {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "string"}}}}}}, {"checks"});
  }
};
void from_json(const nlohmann::json& j, TemplateChecksParams& p) { j.at("checks").get_to(p.checks); }

/// Parameters of language_declared.
struct LanguageParams {
  /// A BCP 47 language tag such as "fr" (required).
  std::string tag;
  static nlohmann::json schema() { return params_schema({{"tag", {{"type", "string"}, {"minLength", 2}}}}, {"tag"}); }
};
void from_json(const nlohmann::json& j, LanguageParams& p) { j.at("tag").get_to(p.tag); }

// ---------------------------------------------------------------- checks

std::string missing_text(const std::vector<std::string>& missing, Lang lang) {
  std::vector<std::string> out;
  for (const auto& m : missing) {
    if (lang == Lang::en) {
      if (m == "status") out.push_back("the conformance status (non / partially / fully compliant)");
      else if (m == "standard") out.push_back("the standard (RGAA 4.1)");
      else if (m == "audit_date") out.push_back("the audit date");
      else if (m == "contact") out.push_back("a feedback contact");
      else if (m == "recourse") out.push_back("the recourse (Défenseur des droits)");
      else if (m == "non_accessible_content") out.push_back("the list of non-accessible content");
      else out.push_back(m);
    } else {
      if (m == "status") out.push_back("l'état de conformité (non / partiellement / totalement conforme)");
      else if (m == "standard") out.push_back("le référentiel (RGAA 4.1)");
      else if (m == "audit_date") out.push_back("la date de l'audit");
      else if (m == "contact") out.push_back("un contact pour les retours");
      else if (m == "recourse") out.push_back("les voies de recours (Défenseur des droits)");
      else if (m == "non_accessible_content") out.push_back("la liste des contenus non accessibles");
      else out.push_back(m);
    }
  }
  return join(out);
}

// A conformance status ("full", "partial", "none") in French words.
std::string status_fr(const std::string& status) {
  if (status == "full") return "totalement conforme";
  if (status == "partial") return "partiellement conforme";
  if (status == "none") return "non conforme";
  return status;
}

// What a statement whose text lives in a CMS leaves to the live page, as a sentence.
Text held_outside_text(const StatementFacts& f) {
  std::string at = f.path + ":" + std::to_string(f.text_source_line);
  return Text{"its text is fetched from a CMS or an API (" + at + "), so " + missing_text(f.held_outside, Lang::en) +
                  " are held outside the repository: check them on the live page",
              "son texte vient d'un CMS ou d'une API (" + at + "), donc " + missing_text(f.held_outside, Lang::fr) +
                  " sont hors du dépôt\u00a0: vérifiez-les sur la page en ligne"};
}

// The evidence of a statement whose text lives in a CMS: the page's line that fetches it.
Evidence held_outside_evidence(const StatementFacts& f) {
  return {f.path, f.text_source_line, "", "statement text fetched from a CMS or an API: " + join(f.held_outside) + " held outside the repository"};
}

// EQ-A11Y-STATEMENT for a workspace with several front ends: each app is judged on its own
// statement (or a shared one); an app with none fails the rule unless its pages link to an
// accessibility page, which the message names.
CheckResult app_statements_check(const std::vector<AppStatement>& apps) {
  std::vector<Evidence> evs;
  std::vector<std::string> en, fr;
  bool failed = false;
  for (const auto& a : apps) {
    const StatementFacts& f = a.facts;
    if (!f.found) {
      if (!a.link_path.empty()) {
        std::string at = a.link_path + ":" + std::to_string(a.link_line);
        evs.push_back({a.link_path, a.link_line, "", a.app + ": no statement in its folder; links to an accessibility page"});
        en.push_back(a.app + ": no statement in its folder, links to an accessibility page (" + at + "): check that it covers this app");
        fr.push_back(a.app + "\u00a0: pas de déclaration dans son dossier, un lien vers une page d'accessibilité (" + at + ")\u00a0: vérifiez qu'elle couvre cette application");
      } else {
        failed = true;
        en.push_back(a.app + ": no accessibility statement");
        fr.push_back(a.app + "\u00a0: aucune déclaration d'accessibilité");
      }
      continue;
    }
    std::string where = f.path + (a.shared ? " (shared)" : "");
    std::string where_fr = f.path + (a.shared ? " (commune)" : "");
    Evidence ev{f.path, f.status_path.empty() ? f.status_line : 0, "", a.app + ": status " + (f.status.empty() ? "none stated" : f.status)};
    evs.push_back(ev);
    if (!f.status_path.empty()) evs.push_back({f.status_path, f.status_line, "", a.app + ": status " + f.status + " (shown in the footer)"});
    std::string line_en = a.app + ": " + where + ", " + (f.status.empty() ? "no status" : f.status);
    std::string line_fr = a.app + "\u00a0: " + where_fr + ", " + (f.status.empty() ? "sans état de conformité" : status_fr(f.status));
    std::vector<std::string> missing = f.missing;
    if (f.status.empty() && std::find(missing.begin(), missing.end(), "status") == missing.end()) missing.insert(missing.begin(), "status");
    if (!missing.empty()) {
      failed = true;
      line_en += ", lacks " + missing_text(missing, Lang::en);
      line_fr += ", il y manque " + missing_text(missing, Lang::fr);
    }
    if (f.text_outside) {
      evs.push_back(held_outside_evidence(f));
      Text note = held_outside_text(f);
      line_en += "; " + note.en;
      line_fr += "\u00a0; " + note.fr;
    }
    en.push_back(line_en);
    fr.push_back(line_fr);
  }
  Text message{std::to_string(apps.size()) + " front ends, one statement each: " + fmt::format("{}", fmt::join(en, "; ")),
               std::to_string(apps.size()) + " applications, une déclaration chacune\u00a0: " + fmt::format("{}", fmt::join(fr, "\u00a0; "))};
  return failed ? CheckResult::fail(std::move(message), std::move(evs)) : CheckResult::pass(std::move(message), std::move(evs));
}

CheckResult accessibility_statement(AuditContext& ctx) {
  if (const auto& apps = app_statement_facts(ctx); !apps.empty()) return app_statements_check(apps);
  const StatementFacts& f = statement_facts(ctx);
  bool declared = ctx.charter.field("equal_access.accessibility.statement") != nullptr;
  if (declared && !ctx.snapshot.find(f.path))
    return CheckResult::fail(Text{ctx.charter.where("equal_access.accessibility.statement") + " declares " + f.path + ", which is not in the repository",
                               ctx.charter.where("equal_access.accessibility.statement") + " déclare " + f.path + ", qui est absent du dépôt"},
                             {charter_evidence(ctx, "equal_access.accessibility.statement")});
  if (f.path.empty() || (!f.found && !declared))
    return CheckResult::fail(Text{"no accessibility statement found (by name: accessibilite, accessibility...; or by content)",
                               "aucune déclaration d'accessibilité trouvée (ni par le nom du fichier, comme accessibilite ou accessibility, ni par son contenu)"});
  Evidence ev{f.path, f.status_line, "", ""};
  if (f.found && f.text_outside) {
    // The page exists and fetches its text: the rule judges what the repository can show
    // (the page and the status a footer shows) and names what only the live page can.
    Text note = held_outside_text(f);
    std::vector<Evidence> evs = {held_outside_evidence(f)};
    if (f.status.empty())
      return CheckResult::fail(Text{f.path + ": no conformance status in the repository (show it in the footer: 'Accessibilité : partiellement conforme'); " + note.en,
                                    f.path + "\u00a0: aucun état de conformité dans le dépôt (l'indiquer dans le pied de page\u00a0: «\u00a0Accessibilité\u00a0: partiellement conforme\u00a0»)\u00a0; " + note.fr},
                               evs);
    std::string at = f.status_path.empty() ? f.path : f.status_path + (f.status_line > 0 ? ":" + std::to_string(f.status_line) : "");
    if (!f.status_path.empty()) evs.push_back({f.status_path, f.status_line, "", "status: " + f.status + " (shown in the footer, not in the statement)"});
    return CheckResult::pass(Text{f.path + ": page found, status '" + f.status + "' (" + at + "); " + note.en,
                                  f.path + "\u00a0: page trouvée, «\u00a0" + status_fr(f.status) + "\u00a0» (" + at + ")\u00a0; " + note.fr},
                             evs);
  }
  if (!f.found || f.status.empty()) {
    std::vector<std::string> missing = f.missing;
    if (std::find(missing.begin(), missing.end(), "status") == missing.end()) missing.insert(missing.begin(), "status");
    return CheckResult::fail(Text{f.path + " talks about accessibility but is not a statement: it lacks " + missing_text(missing, Lang::en),
                               f.path + " parle d'accessibilité mais n'est pas une déclaration d'accessibilité\u00a0: il y manque " + missing_text(missing, Lang::fr)},
                             {ev});
  }
  ev.note = "status: " + f.status + (f.standard.empty() ? "" : ", " + f.standard) + (f.audit_date.empty() ? "" : ", audit " + f.audit_date);
  // A status the statement does not state but a footer shows: the footer's line is its evidence.
  std::vector<Evidence> evs = {ev};
  Text who{f.path, f.path};
  if (!f.status_path.empty()) {
    evs.front().line = 0;
    evs.push_back({f.status_path, f.status_line, "", "status: " + f.status + " (shown in the footer, not in the statement)"});
    std::string at = f.status_path + (f.status_line > 0 ? ":" + std::to_string(f.status_line) : "");
    who = Text{f.path + " (status from the footer " + at + ")", f.path + " (état indiqué par le pied de page " + at + ")"};
  }
  std::string summary_fr = status_fr(f.status) + (f.standard.empty() ? "" : ", " + f.standard) +
                           (f.audit_date.empty() ? "" : ", audit du " + f.audit_date);
  if (!f.missing.empty())
    return CheckResult::fail(Text{who.en + " states '" + f.status + "' but lacks " + missing_text(f.missing, Lang::en),
                               who.fr + " indique «\u00a0" + status_fr(f.status) + "\u00a0» mais il y manque " + missing_text(f.missing, Lang::fr)},
                             evs);
  return CheckResult::pass(Text{who.en + ": " + ev.note, who.fr + "\u00a0: " + summary_fr}, evs);
}

CheckResult accessibility_status_matches(AuditContext& ctx) {
  const nlohmann::json* declared = ctx.charter.field("equal_access.accessibility.status");
  if (!declared || !declared->is_string())
    return undeclared(ctx, "equal_access.accessibility.status", Text{"the accessibility status", "l'état de conformité"});
  const StatementFacts& f = statement_facts(ctx);
  if (!f.found || f.status.empty())
    return CheckResult::skip(Text{"no statement with a status to compare (see EQ-A11Y-STATEMENT)", "aucune déclaration indiquant un état de conformité à comparer (voir EQ-A11Y-STATEMENT)"});
  std::string d = declared->get<std::string>();
  std::vector<Evidence> ev = {charter_evidence(ctx, "equal_access.accessibility.status"), {f.status_path.empty() ? f.path : f.status_path, f.status_line, "", "status: " + f.status}};
  if (d == f.status) return CheckResult::pass(Text{"both say " + d, "la charte et la déclaration indiquent toutes deux «\u00a0" + status_fr(d) + "\u00a0»"}, ev);
  return CheckResult::fail(Text{"the charter declares '" + d + "' but " + f.path + " states '" + f.status + "'",
                             "la charte déclare «\u00a0" + status_fr(d) + "\u00a0» mais " + f.path + " indique «\u00a0" + status_fr(f.status) + "\u00a0»"},
                           ev);
}

CheckResult template_defects_check(AuditContext& ctx, const TemplateChecksParams& p) {
  const std::vector<std::string>& checks = p.checks;
  std::vector<Evidence> ev;
  for (const auto& d : template_defects(ctx)) {
    if (std::find(checks.begin(), checks.end(), d.check) == checks.end()) continue;
    Evidence e = d.evidence;
    e.note = d.message.en + " (RGAA " + d.rgaa + ", WCAG " + d.wcag + ")";
    ev.push_back(std::move(e));
  }
  // How many files were judged as pages and how many were left out, by reason.
  const TemplateScan& scan = template_scan(ctx);
  std::size_t left = 0;
  std::vector<std::string> reasons;
  for (const auto& [reason, n] : scan.left_out) {
    left += n;
    reasons.push_back(std::to_string(n) + " " + reason);
  }
  // Built by appending: GCC 12 warns falsely on "literal" + std::string temporaries at -O3.
  auto plural = [](std::size_t n, const char* one, const char* many) {
    std::string s = std::to_string(n);
    s.append(" ").append(n == 1 ? one : many);
    return s;
  };
  std::string scope_en = " (", scope_fr = " (";
  scope_en.append(plural(scan.pages_checked, "page checked", "pages checked"));
  scope_fr.append(plural(scan.pages_checked, "page vérifiée", "pages vérifiées"));
  if (left) {
    scope_en.append(", ").append(plural(left, "template file left out", "template files left out")).append(": ").append(join(reasons));
    scope_fr.append(", ").append(plural(left, "gabarit écarté", "gabarits écartés")).append("\u00a0: ").append(join(reasons));
  }
  scope_en.append(")");
  scope_fr.append(")");
  if (ev.empty()) {
    std::string en = "no defect found in the templates", fr = "aucun défaut trouvé dans les gabarits";
    return CheckResult::pass(Text{en.append(scope_en), fr.append(scope_fr)});
  }
  std::string where = ev.front().path;
  where.append(":").append(std::to_string(ev.front().line));
  std::string en = plural(ev.size(), "defect", "defects"), fr = plural(ev.size(), "défaut", "défauts");
  en.append(", first ").append(where).append(": ").append(ev.front().note).append(scope_en);
  fr.append(", dont ").append(where).append(scope_fr);
  return CheckResult::fail(Text{en, fr},
                           ev);
}

std::string validate_checks(const TemplateChecksParams& p) {
  const auto& names = a11y_check_names();
  for (const auto& c : p.checks)
    if (std::find(names.begin(), names.end(), c) == names.end()) return "unknown accessibility check '" + c + "'; known: " + join(names);
  return "";
}

CheckResult web_templates_present(AuditContext& ctx) {
  for (const auto& e : ctx.snapshot.files())
    if (e.kind == EntryKind::file && is_checked_template_path(e.path))
      return CheckResult::pass(Text{"web templates found, e.g. " + e.path, "gabarits de pages web trouvés, par exemple " + e.path}, {{e.path, 0, "", ""}});
  return CheckResult::fail(Text{"no web page templates in the repository", "aucun gabarit de page web dans le dépôt"});
}

std::vector<std::string> declared_languages(const AuditContext& ctx) {
  std::vector<std::string> out;
  if (const auto* v = ctx.charter.field("equal_access.languages"); v && v->is_array())
    for (const auto& l : *v)
      if (l.is_string()) out.push_back(l.get<std::string>());
  return out;
}

CheckResult languages_have_evidence(AuditContext& ctx) {
  auto declared = declared_languages(ctx);
  if (declared.empty()) return undeclared(ctx, "equal_access.languages", Text{"the languages of the service", "les langues du service"});
  const auto& found = language_evidence(ctx);
  if (found.empty() && declared.size() == 1)
    return CheckResult::pass(Text{"one language declared and no translation catalog: nothing to cross-check", "une seule langue déclarée et aucun catalogue de traduction\u00a0: rien à recouper"});
  std::vector<std::string> missing;
  std::vector<Evidence> ev;
  for (const auto& d : declared) {
    auto it = std::find_if(found.begin(), found.end(), [&](const LanguageEvidence& l) { return language_matches(d, l.tag); });
    if (it == found.end()) missing.push_back(d);
    else ev.push_back({it->path, 0, "", it->tag + " (" + it->source + ")"});
  }
  if (missing.empty()) return CheckResult::pass(Text{"every declared language has translations", "chaque langue déclarée a ses traductions"}, ev);
  std::vector<std::string> tags;
  for (const auto& l : found) tags.push_back(l.tag);
  Evidence cev = charter_evidence(ctx, "equal_access.languages");
  return CheckResult::fail(Text{"declared but no translation catalog found: " + join(missing) + " (catalogs found: " + (tags.empty() ? "none" : join(tags)) + ")",
                             "langues déclarées sans catalogue de traduction\u00a0: " + join(missing) + " (catalogues trouvés\u00a0: " + (tags.empty() ? "aucun" : join(tags)) + ")"},
                           {cev});
}

CheckResult language_declared(AuditContext& ctx, const LanguageParams& p) {
  const std::string& tag = p.tag;
  auto declared = declared_languages(ctx);
  if (declared.empty()) return undeclared(ctx, "equal_access.languages", Text{"the languages of the service", "les langues du service"});
  for (const auto& d : declared)
    if (language_matches(tag, d)) return CheckResult::pass(Text{tag + " is declared", "la langue " + tag + " est déclarée"}, {charter_evidence(ctx, "equal_access.languages")});
  return CheckResult::fail(Text{tag + " is not among the declared languages (" + join(declared) + ")", "la langue " + tag + " ne figure pas parmi les langues déclarées (" + join(declared) + ")"},
                           {charter_evidence(ctx, "equal_access.languages")});
}

CheckResult pricing_declared(AuditContext& ctx) {
  const auto* free = ctx.charter.field("equal_access.free_of_charge");
  if (!free || !free->is_boolean()) return undeclared(ctx, "equal_access.free_of_charge", Text{"whether the service is free of charge", "si le service est gratuit"});
  if (free->get<bool>()) return CheckResult::pass(Text{"free of charge", "service gratuit"}, {charter_evidence(ctx, "equal_access.free_of_charge")});
  const auto* pricing = ctx.charter.field("equal_access.pricing");
  if (pricing && pricing->is_string() && pricing->get<std::string>().find_first_not_of(" \t") != std::string::npos)
    return CheckResult::pass(Text{"paying, pricing stated: " + pricing->get<std::string>(), "service payant, tarif indiqué\u00a0: " + pricing->get<std::string>()}, {charter_evidence(ctx, "equal_access.pricing")});
  return CheckResult::fail(Text{"free_of_charge is false but no pricing is stated", "le service est déclaré payant (free_of_charge\u00a0: false) mais aucun tarif n'est indiqué"}, {charter_evidence(ctx, "equal_access.free_of_charge")});
}

bool proprietary_login(const std::string& m) {
  static const std::vector<std::string> prop = {"google", "facebook", "meta", "apple", "microsoft", "twitter", "x", "github", "linkedin", "amazon", "instagram", "tiktok"};
  std::string l = ascii_lower(m);
  return std::find(prop.begin(), prop.end(), l) != prop.end();
}

CheckResult login_methods_open(AuditContext& ctx) {
  if (ctx.charter.source == "none") return undeclared(ctx, "equal_access.account_required", Text{"whether an account is required", "si un compte est obligatoire"});
  const auto* req = ctx.charter.field("equal_access.account_required");
  std::vector<std::string> methods;
  if (const auto* m = ctx.charter.field("equal_access.login_methods"); m && m->is_array())
    for (const auto& x : *m)
      if (x.is_string()) methods.push_back(x.get<std::string>());
  // Without a required account, nobody needs any login to use the service: the methods
  // offered are options.
  if (!req || !req->is_boolean() || !req->get<bool>()) {
    if (methods.empty()) return CheckResult::pass(Text{"no account required", "aucun compte obligatoire"});
    return CheckResult::pass(Text{"no account required (optional login: " + join(methods) + ")",
                                  "aucun compte obligatoire (connexion facultative\u00a0: " + join(methods) + ")"},
                             {charter_evidence(ctx, "equal_access.account_required")});
  }
  if (methods.empty())
    return CheckResult::fail(Text{"an account is required but equal_access.login_methods lists none", "un compte est obligatoire mais equal_access.login_methods ne liste aucune méthode de connexion"},
                             {charter_evidence(ctx, "equal_access.account_required")});
  std::vector<std::string> open;
  for (const auto& m : methods)
    if (!proprietary_login(m)) open.push_back(m);
  if (!open.empty()) return CheckResult::pass(Text{"non-proprietary login: " + join(open), "méthode de connexion non propriétaire\u00a0: " + join(open)}, {charter_evidence(ctx, "equal_access.login_methods")});
  return CheckResult::fail(Text{"only private-platform logins (" + join(methods) + "): offer e-mail or FranceConnect too",
                             "connexion uniquement par des plateformes privées (" + join(methods) + ")\u00a0: proposez aussi la connexion par courriel ou par FranceConnect"},
                           {charter_evidence(ctx, "equal_access.login_methods")});
}

CheckResult social_logins_declared(AuditContext& ctx) {
  std::vector<std::string> methods;
  if (const auto* m = ctx.charter.field("equal_access.login_methods"); m && m->is_array())
    for (const auto& x : *m)
      if (x.is_string()) methods.push_back(ascii_lower(x.get<std::string>()));
  std::vector<std::string> missing;
  std::vector<Evidence> ev;
  for (const auto& d : tracker_state(ctx).detections) {
    if (d.signature->category != "social" || d.only_dev_or_test) continue;
    std::string vendor = ascii_lower(d.signature->vendor);
    bool listed = false;
    for (const auto& m : methods)
      if (!m.empty() && (vendor.find(m) != std::string::npos || ascii_lower(d.signature->name).find(m) != std::string::npos)) listed = true;
    if (listed) continue;
    missing.push_back(d.signature->name);
    for (const auto& h : d.hits)
      if (!h.dev && h.context == "code") {
        Evidence e = h.evidence;
        e.note = d.signature->name;
        ev.push_back(e);
      }
  }
  if (missing.empty()) return CheckResult::pass(Text{"every social login in the code is declared", "chaque connexion par les réseaux sociaux présente dans le code est déclarée"});
  return CheckResult::fail(Text{"in the code but not in equal_access.login_methods: " + join(missing), "connexion par les réseaux sociaux présente dans le code mais absente de equal_access.login_methods\u00a0: " + join(missing)}, ev);
}

}  // namespace

void register_equal_access_primitives(std::vector<Primitive>& out) {
  out.push_back({
      .name = "accessibility_statement",
      .description = Text{"An accessibility statement (declared, or found by name and content) states status, standard, audit date, contact and recourse.", "Une déclaration d'accessibilité (déclarée, ou trouvée par son nom et son contenu) indique l'état de conformité, le référentiel, la date de l'audit, un contact et les voies de recours."},
      .params_schema = no_params_schema(),
      .run = without_params(accessibility_statement),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "accessibility_status_matches",
      .description = Text{"The status in the statement is the one the charter declares.", "L'état de conformité de la déclaration est celui que déclare la charte."},
      .params_schema = no_params_schema(),
      .run = without_params(accessibility_status_matches),
      .basis = Basis::cross_check,
  });
  out.push_back({
      .name = "accessibility_template_defects",
      .description = Text{"No static accessibility defect of the given kinds in HTML, JSX/TSX, Vue and server templates.", "Aucun défaut d'accessibilité statique des types donnés dans les gabarits HTML, JSX/TSX, Vue et serveur."},
      .params_schema = TemplateChecksParams::schema(),
      .run = with_params(template_defects_check),
      .validate = validated_by(validate_checks),
      .passes_on_absence = true,
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "web_templates_present",
      .description = Text{"The repository has web page templates (used as a condition).", "Le dépôt contient des gabarits de pages web (sert de condition)."},
      .params_schema = no_params_schema(),
      .run = without_params(web_templates_present),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "languages_have_evidence",
      .description = Text{"Each declared language has translation catalogs in the code.", "Chaque langue déclarée a ses catalogues de traduction dans le code."},
      .params_schema = no_params_schema(),
      .run = without_params(languages_have_evidence),
      .basis = Basis::cross_check,
  });
  out.push_back({
      .name = "language_declared",
      .description = Text{"The given language is among the declared languages.", "La langue donnée figure parmi les langues déclarées."},
      .params_schema = LanguageParams::schema(),
      .run = with_params(language_declared),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "pricing_declared",
      .description = Text{"Free of charge, or a pricing is stated.", "Le service est gratuit, ou son tarif est indiqué."},
      .params_schema = no_params_schema(),
      .run = without_params(pricing_declared),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "login_methods_open",
      .description = Text{"When an account is required, a non-proprietary login method exists.", "Si un compte est obligatoire, une méthode de connexion non propriétaire existe."},
      .params_schema = no_params_schema(),
      .run = without_params(login_methods_open),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "social_logins_declared",
      .description = Text{"Social-login SDKs found in the code are listed in login_methods.", "Les SDK de connexion par les réseaux sociaux présents dans le code figurent dans login_methods."},
      .params_schema = no_params_schema(),
      .run = without_params(social_logins_declared),
      .passes_on_absence = true,
      .basis = Basis::cross_check,
  });
}

}  // namespace pacte
