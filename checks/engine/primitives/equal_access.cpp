// Equal-access primitives: the accessibility statement, static template checks, languages,
// and the access conditions the charter declares (price, accounts, offline channel).
#include <algorithm>

#include "checks/engine/facts.hpp"
#include "checks/engine/primitives/util.hpp"

namespace pacte {

namespace {

std::string missing_text(const std::vector<std::string>& missing, Lang lang) {
  std::vector<std::string> out;
  for (const auto& m : missing) {
    if (lang == Lang::en) {
      if (m == "status") out.push_back("the conformance status (non / partially / fully compliant)");
      else if (m == "standard") out.push_back("the standard (RGAA 4.1)");
      else if (m == "audit_date") out.push_back("the audit date");
      else if (m == "contact") out.push_back("a feedback contact");
      else if (m == "recourse") out.push_back("the recourse (Défenseur des droits)");
      else out.push_back(m);
    } else {
      if (m == "status") out.push_back("l'état de conformité (non / partiellement / totalement conforme)");
      else if (m == "standard") out.push_back("le référentiel (RGAA 4.1)");
      else if (m == "audit_date") out.push_back("la date de l'audit");
      else if (m == "contact") out.push_back("un contact pour les retours");
      else if (m == "recourse") out.push_back("les voies de recours (Défenseur des droits)");
      else out.push_back(m);
    }
  }
  return join(out);
}

CheckResult accessibility_statement(AuditContext& ctx, const nlohmann::json&) {
  const StatementFacts& f = statement_facts(ctx);
  bool declared = ctx.charter.field("equal_access.accessibility.statement") != nullptr;
  if (declared && !ctx.snapshot.find(f.path))
    return CheckResult::fail(T(ctx.charter.where("equal_access.accessibility.statement") + " declares " + f.path + ", which is not in the repository",
                               ctx.charter.where("equal_access.accessibility.statement") + " déclare " + f.path + ", absent du dépôt"),
                             {charter_evidence(ctx, "equal_access.accessibility.statement")});
  if (f.path.empty() || (!f.found && !declared))
    return CheckResult::fail(T("no accessibility statement found (by name: accessibilite, accessibility...; or by content)",
                               "aucune déclaration d'accessibilité trouvée (par nom : accessibilite, accessibility... ; ou par contenu)"));
  Evidence ev{f.path, f.status_line, "", ""};
  if (!f.found || f.status.empty()) {
    std::vector<std::string> missing = f.missing;
    if (std::find(missing.begin(), missing.end(), "status") == missing.end()) missing.insert(missing.begin(), "status");
    return CheckResult::fail(T(f.path + " talks about accessibility but is not a statement: it lacks " + missing_text(missing, Lang::en),
                               f.path + " parle d'accessibilité mais n'est pas une déclaration : il manque " + missing_text(missing, Lang::fr)),
                             {ev});
  }
  ev.note = "status: " + f.status + (f.standard.empty() ? "" : ", " + f.standard) + (f.audit_date.empty() ? "" : ", audit " + f.audit_date);
  if (!f.missing.empty())
    return CheckResult::fail(T(f.path + " states '" + f.status + "' but lacks " + missing_text(f.missing, Lang::en),
                               f.path + " indique « " + f.status + " » mais il manque " + missing_text(f.missing, Lang::fr)),
                             {ev});
  return CheckResult::pass(T(f.path + ": " + ev.note, f.path + " : " + ev.note), {ev});
}

CheckResult accessibility_status_matches(AuditContext& ctx, const nlohmann::json&) {
  const nlohmann::json* declared = ctx.charter.field("equal_access.accessibility.status");
  if (!declared || !declared->is_string())
    return undeclared(ctx, "equal_access.accessibility.status", T("the accessibility status", "l'état de conformité"));
  const StatementFacts& f = statement_facts(ctx);
  if (!f.found || f.status.empty())
    return CheckResult::skip(T("no statement with a status to compare (see EQ-A11Y-STATEMENT)", "pas de déclaration avec un état à comparer (voir EQ-A11Y-STATEMENT)"));
  std::string d = declared->get<std::string>();
  std::vector<Evidence> ev = {charter_evidence(ctx, "equal_access.accessibility.status"), {f.path, f.status_line, "", "status: " + f.status}};
  if (d == f.status) return CheckResult::pass(T("both say " + d, "les deux indiquent " + d), ev);
  return CheckResult::fail(T("the charter declares '" + d + "' but " + f.path + " states '" + f.status + "'",
                             "la charte déclare « " + d + " » mais " + f.path + " indique « " + f.status + " »"),
                           ev);
}

CheckResult template_defects_check(AuditContext& ctx, const nlohmann::json& p) {
  auto checks = p["checks"].get<std::vector<std::string>>();
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
  std::string pages = std::to_string(scan.pages_checked);
  Text scope = T(" (" + pages + " page(s) checked" + (left ? ", " + std::to_string(left) + " template file(s) left out: " + join(reasons) : "") + ")",
          " (" + pages + " page(s) vérifiée(s)" + (left ? ", " + std::to_string(left) + " gabarit(s) écarté(s) : " + join(reasons) : "") + ")");
  if (ev.empty()) return CheckResult::pass(T("no defect found in the templates" + scope.en, "aucun défaut trouvé dans les gabarits" + scope.fr));
  return CheckResult::fail(T(std::to_string(ev.size()) + " defect(s), first " + ev.front().path + ":" + std::to_string(ev.front().line) + ": " + ev.front().note + scope.en,
                             std::to_string(ev.size()) + " défaut(s), dont " + ev.front().path + ":" + std::to_string(ev.front().line) + scope.fr),
                           ev);
}

std::string validate_checks(const nlohmann::json& p) {
  const auto& names = a11y_check_names();
  for (const auto& c : p["checks"])
    if (std::find(names.begin(), names.end(), c.get<std::string>()) == names.end())
      return "unknown accessibility check '" + c.get<std::string>() + "'; known: " + join(names);
  return "";
}

CheckResult web_templates_present(AuditContext& ctx, const nlohmann::json&) {
  for (const auto& e : ctx.snapshot.files())
    if (e.kind == EntryKind::file && is_checked_template_path(e.path))
      return CheckResult::pass(T("web templates found, e.g. " + e.path, "gabarits web trouvés, par exemple " + e.path), {{e.path, 0, "", ""}});
  return CheckResult::fail(T("no web page templates in the repository", "aucun gabarit de page web dans le dépôt"));
}

std::vector<std::string> declared_languages(const AuditContext& ctx) {
  std::vector<std::string> out;
  if (const auto* v = ctx.charter.field("equal_access.languages"); v && v->is_array())
    for (const auto& l : *v)
      if (l.is_string()) out.push_back(l.get<std::string>());
  return out;
}

CheckResult languages_have_evidence(AuditContext& ctx, const nlohmann::json&) {
  auto declared = declared_languages(ctx);
  if (declared.empty()) return undeclared(ctx, "equal_access.languages", T("the languages of the service", "les langues du service"));
  const auto& found = language_evidence(ctx);
  if (found.empty() && declared.size() == 1)
    return CheckResult::pass(T("one language declared and no translation catalog: nothing to cross-check", "une seule langue déclarée et aucun catalogue : rien à recouper"));
  std::vector<std::string> missing;
  std::vector<Evidence> ev;
  for (const auto& d : declared) {
    auto it = std::find_if(found.begin(), found.end(), [&](const LanguageEvidence& l) { return language_matches(d, l.tag); });
    if (it == found.end()) missing.push_back(d);
    else ev.push_back({it->path, 0, "", it->tag + " (" + it->source + ")"});
  }
  if (missing.empty()) return CheckResult::pass(T("every declared language has translations", "chaque langue déclarée a ses traductions"), ev);
  std::vector<std::string> tags;
  for (const auto& l : found) tags.push_back(l.tag);
  Evidence cev = charter_evidence(ctx, "equal_access.languages");
  return CheckResult::fail(T("declared but no translation catalog found: " + join(missing) + " (catalogs found: " + (tags.empty() ? "none" : join(tags)) + ")",
                             "déclarées sans catalogue de traduction : " + join(missing) + " (catalogues trouvés : " + (tags.empty() ? "aucun" : join(tags)) + ")"),
                           {cev});
}

CheckResult language_declared(AuditContext& ctx, const nlohmann::json& p) {
  std::string tag = p["tag"].get<std::string>();
  auto declared = declared_languages(ctx);
  if (declared.empty()) return undeclared(ctx, "equal_access.languages", T("the languages of the service", "les langues du service"));
  for (const auto& d : declared)
    if (language_matches(tag, d)) return CheckResult::pass(T(tag + " is declared", tag + " est déclarée"), {charter_evidence(ctx, "equal_access.languages")});
  return CheckResult::fail(T(tag + " is not among the declared languages (" + join(declared) + ")", tag + " ne figure pas parmi les langues déclarées (" + join(declared) + ")"),
                           {charter_evidence(ctx, "equal_access.languages")});
}

CheckResult pricing_declared(AuditContext& ctx, const nlohmann::json&) {
  const auto* free = ctx.charter.field("equal_access.free_of_charge");
  if (!free || !free->is_boolean()) return undeclared(ctx, "equal_access.free_of_charge", T("whether the service is free of charge", "si le service est gratuit"));
  if (free->get<bool>()) return CheckResult::pass(T("free of charge", "gratuit"), {charter_evidence(ctx, "equal_access.free_of_charge")});
  const auto* pricing = ctx.charter.field("equal_access.pricing");
  if (pricing && pricing->is_string() && pricing->get<std::string>().find_first_not_of(" \t") != std::string::npos)
    return CheckResult::pass(T("paying, pricing stated: " + pricing->get<std::string>(), "payant, tarif indiqué : " + pricing->get<std::string>()), {charter_evidence(ctx, "equal_access.pricing")});
  return CheckResult::fail(T("free_of_charge is false but no pricing is stated", "free_of_charge vaut false mais aucun tarif n'est indiqué"), {charter_evidence(ctx, "equal_access.free_of_charge")});
}

bool proprietary_login(const std::string& m) {
  static const std::vector<std::string> prop = {"google", "facebook", "meta", "apple", "microsoft", "twitter", "x", "github", "linkedin", "amazon", "instagram", "tiktok"};
  std::string l = ascii_lower(m);
  return std::find(prop.begin(), prop.end(), l) != prop.end();
}

CheckResult login_methods_open(AuditContext& ctx, const nlohmann::json&) {
  if (ctx.charter.source == "none") return undeclared(ctx, "equal_access.account_required", T("whether an account is required", "si un compte est obligatoire"));
  const auto* req = ctx.charter.field("equal_access.account_required");
  std::vector<std::string> methods;
  if (const auto* m = ctx.charter.field("equal_access.login_methods"); m && m->is_array())
    for (const auto& x : *m)
      if (x.is_string()) methods.push_back(x.get<std::string>());
  if (!req || !req->is_boolean() || !req->get<bool>()) {
    if (methods.empty()) return CheckResult::pass(T("no account required", "aucun compte obligatoire"));
  }
  if (methods.empty())
    return CheckResult::fail(T("an account is required but equal_access.login_methods lists none", "un compte est obligatoire mais equal_access.login_methods n'en liste aucun"),
                             {charter_evidence(ctx, "equal_access.account_required")});
  std::vector<std::string> open;
  for (const auto& m : methods)
    if (!proprietary_login(m)) open.push_back(m);
  if (!open.empty()) return CheckResult::pass(T("non-proprietary login: " + join(open), "connexion non propriétaire : " + join(open)), {charter_evidence(ctx, "equal_access.login_methods")});
  return CheckResult::fail(T("only private-platform logins (" + join(methods) + "): offer e-mail or FranceConnect too",
                             "seulement des connexions de plateformes privées (" + join(methods) + ") : proposez aussi le courriel ou FranceConnect"),
                           {charter_evidence(ctx, "equal_access.login_methods")});
}

CheckResult social_logins_declared(AuditContext& ctx, const nlohmann::json&) {
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
  if (missing.empty()) return CheckResult::pass(T("every social login in the code is declared", "chaque connexion sociale du code est déclarée"));
  return CheckResult::fail(T("in the code but not in equal_access.login_methods: " + join(missing), "dans le code mais absentes de equal_access.login_methods : " + join(missing)), ev);
}

}  // namespace

void register_equal_access_primitives(std::vector<Primitive>& out) {
  auto none = params_schema(nlohmann::json::object());
  out.push_back({"accessibility_statement", T("An accessibility statement (declared, or found by name and content) states status, standard, audit date, contact and recourse.", "Une déclaration d'accessibilité indique état, référentiel, date, contact et recours."), none, accessibility_statement, nullptr});
  out.push_back({"accessibility_status_matches", T("The status in the statement is the one the charter declares.", "L'état de la déclaration est celui de la charte."), none, accessibility_status_matches, nullptr});
  out.push_back({"accessibility_template_defects", T("No static accessibility defect of the given kinds in HTML, JSX/TSX, Vue and server templates.", "Aucun défaut d'accessibilité statique des types donnés dans les gabarits."),
                 params_schema({{"checks", {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "string"}}}}}}, {"checks"}), template_defects_check, validate_checks});
  out.push_back({"web_templates_present", T("The repository has web page templates (used as a condition).", "Le dépôt contient des gabarits de pages web."), none, web_templates_present, nullptr});
  out.push_back({"languages_have_evidence", T("Each declared language has translation catalogs in the code.", "Chaque langue déclarée a ses catalogues de traduction."), none, languages_have_evidence, nullptr});
  out.push_back({"language_declared", T("The given language is among the declared languages.", "La langue donnée figure parmi les langues déclarées."),
                 params_schema({{"tag", {{"type", "string"}, {"minLength", 2}}}}, {"tag"}), language_declared, nullptr});
  out.push_back({"pricing_declared", T("Free of charge, or a pricing is stated.", "Gratuit, ou un tarif est indiqué."), none, pricing_declared, nullptr});
  out.push_back({"login_methods_open", T("When an account is required, a non-proprietary login method exists.", "Si un compte est obligatoire, une méthode de connexion non propriétaire existe."), none, login_methods_open, nullptr});
  out.push_back({"social_logins_declared", T("Social-login SDKs found in the code are listed in login_methods.", "Les SDK de connexion sociale du code sont listés."), none, social_logins_declared, nullptr});
}

}  // namespace pacte
