// Neutrality primitives: advertising, trackers and data sharing detected in the code, held
// against what the charter declares.
#include <algorithm>
#include <future>
#include <mutex>

#include "checks/engine/audit.hpp"
#include "checks/engine/facts.hpp"
#include "checks/engine/primitives/util.hpp"

namespace pacte {

namespace {

// ---------------------------------------------------------------- parameters
// Each primitive's parameters: a struct whose member initialisers are the defaults, beside
// the JSON Schema that checks them when a rule module is loaded, and the from_json that
// reads them.

nlohmann::json categories_schema() {
  return {{"type", "array"},
          {"minItems", 1},
          {"items", {{"type", "string"}, {"enum", {"ads", "ad-pixel", "data-broker", "attribution", "session-replay", "analytics", "support-chat", "crash", "social"}}}}};
}

/// Parameters of trackers_of_category.
struct CategoriesParams {
  /// The tracker categories judged (required).
  std::vector<std::string> categories;
  static nlohmann::json schema() { return params_schema({{"categories", categories_schema()}}, {"categories"}); }
};
void from_json(const nlohmann::json& j, CategoriesParams& p) { j.at("categories").get_to(p.categories); }

/// Parameters of third_party_measurement.
struct MeasurementParams {
  /// The tracker categories that measure the audience.
  std::vector<std::string> categories = {"analytics", "session-replay"};
  static nlohmann::json schema() { return params_schema({{"categories", categories_schema()}}); }
};
void from_json(const nlohmann::json& j, MeasurementParams& p) { read_optional(j, "categories", p.categories); }

// ---------------------------------------------------------------- checks

const nlohmann::json* declared_entry(const AuditContext& ctx, const Signature& sig, std::size_t* index = nullptr) {
  const nlohmann::json* list = ctx.charter.field("neutrality.trackers");
  if (!list || !list->is_array()) return nullptr;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& t = (*list)[i];
    if (t.is_object() && t.contains("name") && t["name"].is_string() && declared_name_matches(t["name"].get<std::string>(), sig)) {
      if (index) *index = i;
      return &t;
    }
  }
  return nullptr;
}

std::string label(const Signature& s) { return s.name + " (" + s.category + ")"; }

// Evidence of a detection's hits in shipped code.
std::vector<Evidence> code_evidence(const TrackerDetection& d) {
  std::vector<Evidence> ev;
  for (const auto& h : d.hits) {
    if (h.dev || h.context != "code") continue;
    Evidence e = h.evidence;
    e.note = label(*d.signature) + (e.note.empty() ? "" : ": " + e.note);
    ev.push_back(std::move(e));
  }
  return ev;
}

std::string first_place(const std::vector<Evidence>& ev) {
  if (ev.empty()) return "";
  return ev.front().path + (ev.front().line > 0 ? ":" + std::to_string(ev.front().line) : "");
}

std::size_t apart_count(const TrackerState& st, const std::vector<std::string>& categories) {
  std::size_t n = 0;
  for (const auto& d : st.detections)
    if (d.only_dev_or_test && (categories.empty() || std::find(categories.begin(), categories.end(), d.signature->category) != categories.end())) ++n;
  return n;
}

Text apart_note(std::size_t n) {
  if (n == 0) return {};
  return Text{" (" + std::to_string(n) + " more only in tests, docs, tooling or dev dependencies, not counted)",
              " (" + std::to_string(n) + " autre(s), uniquement dans les tests, la documentation, l'outillage ou les dépendances de développement, non comptés)"};
}

/// What the tracker scan left out, for every neutrality message: a pass over files never read
/// must say so (" ; 3 file(s) left out as vendored, generated or minified code, e.g. dist/").
Text left_out_note(const TrackerState& st) {
  const auto n = st.stats.files_skipped_vendored;
  if (n == 0) return {};
  std::string examples;
  for (std::size_t i = 0; i < st.stats.skipped_examples.size() && i < 3; ++i)
    examples += (i ? ", " : "") + st.stats.skipped_examples[i];
  std::string count = std::to_string(n);
  return Text{"; " + count + " file(s) left out as vendored, generated, minified or lock files, not searched" +
                  (examples.empty() ? "" : " (" + examples + ")"),
              "\u00a0; " + count + " fichier(s) écarté(s) comme code tiers embarqué, généré, minifié ou fichier de verrouillage, non examiné(s)" +
                  (examples.empty() ? "" : " (" + examples + ")")};
}

/// `message` followed by what the scan left out.
Text with_left_out(const TrackerState& st, Text message) {
  Text note = left_out_note(st);
  return Text{message.en + note.en, message.fr + note.fr};
}

CheckResult no_advertising_detected(AuditContext& ctx) {
  const auto& st = tracker_state(ctx);
  std::vector<Evidence> ev;
  std::vector<std::string> names, names_fr;
  for (const auto& d : st.detections) {
    if (d.signature->category != "ads" || d.only_dev_or_test) continue;
    auto e = code_evidence(d);
    if (e.empty()) continue;
    names.push_back(d.signature->name + " (" + d.signature->vendor + ") in " + first_place(e));
    names_fr.push_back(d.signature->name + " (" + d.signature->vendor + ") dans " + first_place(e));
    ev.insert(ev.end(), e.begin(), e.end());
  }
  Text apart = apart_note(apart_count(st, {"ads"}));
  if (names.empty())
    return CheckResult::pass(with_left_out(st, Text{"no advertising SDK, tag or ads.txt seller" + apart.en, "aucun SDK, aucune balise ni aucun vendeur ads.txt publicitaire" + apart.fr}));
  return CheckResult::fail(with_left_out(st, Text{"advertising: " + join(names, "; "), "publicité\u00a0: " + join(names_fr, "\u00a0; ")}), ev);
}

CheckResult trackers_declared(AuditContext& ctx) {
  const auto& st = tracker_state(ctx);
  std::vector<Evidence> ev;
  std::vector<std::string> en, fr;
  std::size_t declared = 0;
  for (const auto& d : st.detections) {
    if (d.only_dev_or_test) continue;
    auto e = code_evidence(d);
    if (e.empty()) continue;
    if (declared_entry(ctx, *d.signature)) {
      ++declared;
      continue;
    }
    en.push_back(label(*d.signature) + " is used in " + first_place(e) + " but not declared");
    fr.push_back(label(*d.signature) + " est utilisé dans " + first_place(e) + " mais n'est pas déclaré");
    ev.insert(ev.end(), e.begin(), e.end());
  }
  if (en.empty())
    return CheckResult::pass(with_left_out(st, Text{std::to_string(declared) + " tracker(s) in the code, all declared", std::to_string(declared) + " traceur(s) dans le code, tous déclarés"}));
  if (ctx.charter.source == "none") {
    en.push_back("no charter: declare them in neutrality.trackers");
    fr.push_back("pas de charte\u00a0: déclarez-les dans neutrality.trackers");
  }
  if (ctx.charter.source == "publiccode") {
    en.push_back("publiccode.yml cannot declare trackers: declare them in neutrality.trackers of a pacte.yml");
    fr.push_back("publiccode.yml ne permet pas de déclarer les traceurs\u00a0: déclarez-les sous neutrality.trackers dans un pacte.yml");
  }
  // Without a pacte charter the trackers could not be declared: the rule cannot judge them
  // (the evidence rules on trackers still do).
  if (ctx.charter.source != "pacte") return CheckResult::undeclared(with_left_out(st, Text{join(en, "; "), join(fr, "\u00a0; ")}), ev);
  return CheckResult::fail(with_left_out(st, Text{join(en, "; "), join(fr, "\u00a0; ")}), ev);
}

CheckResult trackers_of_category(AuditContext& ctx, const CategoriesParams& p) {
  const std::vector<std::string>& cats = p.categories;
  const auto& st = tracker_state(ctx);
  std::vector<Evidence> ev;
  std::vector<std::string> names, names_fr;
  for (const auto& d : st.detections) {
    if (d.only_dev_or_test || std::find(cats.begin(), cats.end(), d.signature->category) == cats.end()) continue;
    auto e = code_evidence(d);
    if (e.empty()) continue;
    bool declared = declared_entry(ctx, *d.signature) != nullptr;
    names.push_back(label(*d.signature) + " in " + first_place(e) + (declared ? " (declared)" : ""));
    names_fr.push_back(label(*d.signature) + " dans " + first_place(e) + (declared ? " (déclaré)" : ""));
    ev.insert(ev.end(), e.begin(), e.end());
  }
  Text apart = apart_note(apart_count(st, cats));
  if (names.empty()) return CheckResult::pass(with_left_out(st, Text{"none found" + apart.en, "aucun traceur de ces catégories" + apart.fr}));
  return CheckResult::fail(with_left_out(st, Text{"user data shared with advertisers: " + join(names, "; "), "données des usagers partagées avec des publicitaires\u00a0: " + join(names_fr, "\u00a0; ")}), ev);
}

CheckResult third_party_measurement(AuditContext& ctx, const MeasurementParams& p) {
  const std::vector<std::string>& cats = p.categories;
  const auto& st = tracker_state(ctx);
  std::vector<Evidence> ev;
  std::vector<std::string> en, fr, ok, ok_fr;
  for (const auto& d : st.detections) {
    const Signature& s = *d.signature;
    if (d.only_dev_or_test || std::find(cats.begin(), cats.end(), s.category) == cats.end()) continue;
    auto e = code_evidence(d);
    if (e.empty()) continue;
    const nlohmann::json* decl = declared_entry(ctx, s);
    bool self_hosted = decl && decl->value("self_hosted", false) && s.self_hostable;
    bool exempt = decl && decl->value("consent", "") == "exempt" && s.consent_exempt_possible;
    if (self_hosted || exempt) {
      ok.push_back(s.name + (self_hosted ? " (self-hosted)" : " (consent-exempt)"));
      ok_fr.push_back(s.name + (self_hosted ? " (auto-hébergé)" : " (exempté de consentement)"));
      continue;
    }
    std::string why = !decl ? "not declared" : s.self_hostable || s.consent_exempt_possible ? "declared as neither self-hosted nor consent-exempt" : "a third-party service";
    std::string why_fr = !decl ? "non déclaré" : s.self_hostable || s.consent_exempt_possible ? "déclaré ni comme auto-hébergé ni comme exempté de consentement" : "un service tiers";
    en.push_back(label(s) + " in " + first_place(e) + ": " + why);
    fr.push_back(label(s) + " dans " + first_place(e) + "\u00a0: " + why_fr);
    ev.insert(ev.end(), e.begin(), e.end());
  }
  if (en.empty())
    return CheckResult::pass(with_left_out(st, ok.empty() ? Text{"no third-party audience measurement or session replay", "aucun outil tiers de mesure d'audience ni d'enregistrement de session"}
                                                          : Text{"measurement is self-hosted or consent-exempt: " + join(ok), "mesure d'audience auto-hébergée ou exemptée de consentement\u00a0: " + join(ok_fr)}));
  return CheckResult::fail(with_left_out(st, Text{join(en, "; "), join(fr, "\u00a0; ")}), ev);
}

// A declared tracker whose only evidence is inside comments is not live code, as for every
// other neutrality rule: it counts as stale, and the finding names the comments that mention it.
CheckResult declared_trackers_found(AuditContext& ctx) {
  const nlohmann::json* list = ctx.charter.field("neutrality.trackers");
  // Without a pacte charter no tracker could be declared: nothing to look for.
  if (ctx.charter.source != "pacte")
    return CheckResult::undeclared(Text{"no pacte charter: no tracker declared to look for in the code",
                                        "pas de charte pacte\u00a0: aucun traceur déclaré à rechercher dans le code"});
  if (!list || !list->is_array() || list->empty())
    return CheckResult::pass(Text{"no tracker declared", "aucun traceur déclaré"});
  const auto& st = tracker_state(ctx);
  std::vector<std::string> stale, commented, commented_fr;
  std::vector<Evidence> ev;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& t = (*list)[i];
    if (!t.is_object() || !t.contains("name") || !t["name"].is_string()) continue;
    std::string name = t["name"].get<std::string>();
    bool found = false;
    std::vector<Evidence> in_comments;
    for (const auto& d : st.detections) {
      if (!declared_name_matches(name, *d.signature)) continue;
      for (const auto& h : d.hits) {
        if (h.context != "comment") {
          found = true;
        } else if (in_comments.size() < 3) {
          Evidence e = h.evidence;
          e.note = label(*d.signature) + ": in a comment" + (e.note.empty() ? "" : " (" + e.note + ")");
          in_comments.push_back(std::move(e));
        }
      }
    }
    if (found) continue;
    bool known = false;
    for (const auto& s : signature_set(ctx).signatures())
      if (declared_name_matches(name, s)) known = true;
    if (!known) continue;
    ev.push_back(charter_evidence(ctx, "neutrality.trackers." + std::to_string(i)));
    if (in_comments.empty()) {
      stale.push_back(name);
      continue;
    }
    commented.push_back(name + " in " + first_place(in_comments));
    commented_fr.push_back(name + " dans " + first_place(in_comments));
    ev.insert(ev.end(), in_comments.begin(), in_comments.end());
  }
  if (stale.empty() && commented.empty())
    return CheckResult::pass(Text{"every declared tracker is found in the code", "chaque traceur déclaré est présent dans le code"});
  std::vector<std::string> en, fr;
  if (!stale.empty()) {
    en.push_back("declared but nowhere in the code: " + join(stale));
    fr.push_back("traceurs déclarés mais absents du code\u00a0: " + join(stale));
  }
  if (!commented.empty()) {
    en.push_back("declared but only in comments (disabled?): " + join(commented, "; "));
    fr.push_back("traceurs déclarés mais présents seulement dans des commentaires (désactivés\u00a0?)\u00a0: " + join(commented_fr, "\u00a0; "));
  }
  return CheckResult::fail(Text{join(en, "; ") + " (the charter is stale?)", join(fr, "\u00a0; ") + " (la charte n'est-elle plus à jour\u00a0?)"}, ev);
}

CheckResult funding_without_advertising(AuditContext& ctx) {
  const nlohmann::json* f = ctx.charter.field("neutrality.funding");
  if (!f || !f->is_array() || f->empty()) {
    if (ctx.charter.source == "none") return undeclared(ctx, "neutrality.funding", Text{"the funding sources", "les sources de financement"});
    return CheckResult::pass(Text{"no funding declared (see NEUT-FUNDING-DECLARED)", "aucun financement déclaré (voir NEUT-FUNDING-DECLARED)"});
  }
  std::vector<std::string> bad, bad_fr;
  std::vector<Evidence> ev;
  for (std::size_t i = 0; i < f->size(); ++i) {
    const auto& src = (*f)[i];
    std::string kind = src.is_object() ? src.value("kind", "") : "";
    if (kind == "advertising" || kind == "data-sale") {
      bad.push_back(src.value("source", "?") + " (" + kind + ")");
      bad_fr.push_back(src.value("source", "?") + (kind == "advertising" ? " (publicité)" : " (vente de données)"));
      ev.push_back(charter_evidence(ctx, "neutrality.funding." + std::to_string(i)));
    }
  }
  if (bad.empty()) return CheckResult::pass(Text{"no advertising or data-sale funding declared", "aucun financement par la publicité ou la vente de données n'est déclaré"});
  return CheckResult::fail(Text{"funded by " + join(bad), "financement par " + join(bad_fr)}, ev);
}

}  // namespace

void register_neutrality_primitives(std::vector<Primitive>& out) {
  out.push_back({
      .name = "no_advertising_detected",
      .description = Text{"No advertising SDK, ad tag or ads.txt seller in shipped code (tests and docs reported apart).", "Aucun SDK, aucune balise ni aucun vendeur ads.txt publicitaire dans le code livré."},
      .params_schema = no_params_schema(),
      .run = without_params(no_advertising_detected),
      .passes_on_absence = true,
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "trackers_declared",
      .description = Text{"Every tracker detected in shipped code is declared in neutrality.trackers.", "Chaque traceur détecté est déclaré dans neutrality.trackers."},
      .params_schema = no_params_schema(),
      .run = without_params(trackers_declared),
      .passes_on_absence = true,
      .basis = Basis::cross_check,
  });
  out.push_back({
      .name = "trackers_of_category",
      .description = Text{"No tracker of the given categories in shipped code, declared or not.", "Aucun traceur des catégories données dans le code livré."},
      .params_schema = CategoriesParams::schema(),
      .run = with_params(trackers_of_category),
      .passes_on_absence = true,
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "third_party_measurement",
      .description = Text{"Measurement trackers (analytics, session replay by default) are declared self-hosted or consent-exempt.", "Les outils de mesure d'audience sont déclarés auto-hébergés ou exemptés de consentement."},
      .params_schema = MeasurementParams::schema(),
      .run = with_params(third_party_measurement),
      .passes_on_absence = true,
      .basis = Basis::cross_check,
  });
  out.push_back({
      .name = "declared_trackers_found",
      .description = Text{"Each declared tracker pacte knows is found in the code.", "Chaque traceur déclaré est présent dans le code."},
      .params_schema = no_params_schema(),
      .run = without_params(declared_trackers_found),
      .basis = Basis::cross_check,
  });
  out.push_back({
      .name = "funding_without_advertising",
      .description = Text{"No declared funding source of kind advertising or data-sale.", "Aucune source de financement déclarée par la publicité ou la vente de données."},
      .params_schema = no_params_schema(),
      .run = without_params(funding_without_advertising),
      .basis = Basis::declaration,
  });
}

}  // namespace pacte
