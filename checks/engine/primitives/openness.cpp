// Openness primitives: licence files identified by their text, the declared licence held
// against them, open data licences, and committed binaries.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include "checks/base/blob_cache.hpp"
#include "checks/engine/facts.hpp"
#include "checks/base/vocabulary.hpp"
#include "checks/engine/primitives/util.hpp"

namespace pacte {

namespace {

// A similarity as a whole percentage, rounded down, written the way `lang` writes it (the
// vocabulary's format_percent: a non-breaking space before % in French).
std::string percent(double v, Lang lang = Lang::en) { return format_percent(std::floor(v * 100), 0, lang); }

Evidence file_evidence(const LicenseFile& f) {
  Evidence e{f.path, 0, "", ""};
  if (f.match.spdx) {
    e.note = *f.match.spdx + " (" + percent(f.match.confidence) + ")";
    e.note_fr = *f.match.spdx + " (" + percent(f.match.confidence, Lang::fr) + ")";
  } else if (!f.match.closest.empty()) {
    e.note = "closest " + f.match.closest + " (" + percent(f.match.confidence) + ")";
    e.note_fr = "la plus proche\u00a0: " + f.match.closest + " (" + percent(f.match.confidence, Lang::fr) + ")";
  }
  return e;
}

// When a licence file is a Git LFS pointer (its text is in LFS storage, not in the
// repository): an error naming it, since what it holds cannot be known.
std::optional<CheckResult> lfs_pointer_licence(const std::vector<LicenseFile>& files) {
  for (const auto& f : files)
    if (f.match.kind == "lfs_pointer")
      return CheckResult{Status::error,
                         Text{f.path + " is a Git LFS pointer: the licence text is not in the repository, so it cannot be identified; "
                                       "commit the licence text itself (not through Git LFS)",
                              f.path + " est un pointeur Git LFS\u00a0: le texte de la licence n'est pas dans le dépôt et ne peut pas "
                                       "être identifié\u00a0; versionnez le texte de la licence lui-même (hors Git LFS)"},
                         {{f.path, 0, "", "Git LFS pointer", "pointeur Git LFS"}}};
  return std::nullopt;
}

CheckResult license_file(AuditContext& ctx) {
  const auto& files = license_files(ctx);
  if (files.empty())
    return CheckResult::fail(Text{"no licence file (LICENSE, LICENCE, COPYING, LICENSES/*.txt)", "aucun fichier de licence (LICENSE, LICENCE, COPYING, LICENSES/*.txt)"});
  std::vector<Evidence> identified, unknown;
  for (const auto& f : files) (f.match.spdx ? identified : unknown).push_back(file_evidence(f));
  if (identified.empty())
    if (auto r = lfs_pointer_licence(files)) return *r;
  if (!identified.empty()) {
    const auto& first = *std::find_if(files.begin(), files.end(), [](const LicenseFile& f) { return f.match.spdx.has_value(); });
    return CheckResult::pass(Text{first.path + " is " + *first.match.spdx, first.path + " contient la licence " + *first.match.spdx}, identified);
  }
  const LicenseFile& f = files.front();
  std::string detail = f.match.closest.empty() ? "it matches no known licence"
                                                : "closest is " + f.match.closest + " at " + percent(f.match.confidence) +
                                                      (f.match.note.empty() ? "" : ": " + f.match.note);
  std::string detail_fr = f.match.closest.empty() ? "il ne correspond à aucune licence connue"
                                                   : "la plus proche est " + f.match.closest + ", à " + percent(f.match.confidence, Lang::fr) +
                                                         (f.match.note.empty() ? "" : "\u00a0: " + f.match.note);
  return CheckResult::fail(Text{f.path + " is not a known licence text (" + detail + "); a modified licence is not the original",
                             f.path + " n'est pas un texte de licence connu (" + detail_fr + ")\u00a0; une licence modifiée n'est plus la licence d'origine"},
                           unknown);
}

CheckResult license_matches_charter(AuditContext& ctx) {
  const nlohmann::json* v = ctx.charter.field("openness.license");
  if (!v || !v->is_string()) return undeclared(ctx, "openness.license", Text{"the licence of the code", "la licence du code"});
  std::string declared = v->get<std::string>();
  std::string err;
  auto expr = parse_spdx_expression(declared, &err);
  if (!expr) return CheckResult::fail(Text{"'" + declared + "' is not a valid SPDX expression: " + err, "«\u00a0" + declared + "\u00a0» n'est pas une expression SPDX valide\u00a0: " + err}, {charter_evidence(ctx, "openness.license")});
  const auto& files = license_files(ctx);
  std::vector<const LicenseFile*> judged;
  for (const auto& f : files)
    if (f.match.spdx && f.path.find('/') == std::string::npos) judged.push_back(&f);
  if (judged.empty())
    for (const auto& f : files)
      if (f.match.spdx) judged.push_back(&f);
  if (judged.empty())
    if (auto r = lfs_pointer_licence(files)) return *r;
  if (judged.empty())
    return CheckResult::fail(Text{"declared " + declared + ", but no licence file in the repository could be identified to confirm it",
                               "licence déclarée\u00a0: " + declared + ", mais aucun fichier de licence identifiable ne le confirme"},
                             {charter_evidence(ctx, "openness.license")});
  for (const auto* f : judged)
    if (license_agrees(*expr, *f->match.spdx))
      return CheckResult::pass(Text{"declared " + declared + ", " + f->path + " is " + *f->match.spdx,
                                 "licence déclarée\u00a0: " + declared + "\u00a0; " + f->path + " contient la licence " + *f->match.spdx},
                               {charter_evidence(ctx, "openness.license"), file_evidence(*f)});
  std::vector<std::string> detected;
  std::vector<Evidence> ev = {charter_evidence(ctx, "openness.license")};
  for (const auto* f : judged) {
    detected.push_back(f->path + " (" + *f->match.spdx + ")");
    ev.push_back(file_evidence(*f));
  }
  std::string src = ctx.charter.source == "publiccode" ? "publiccode.yml declares " : "the charter declares ";
  std::string src_fr = ctx.charter.source == "publiccode" ? "publiccode.yml déclare " : "la charte déclare ";
  return CheckResult::fail(Text{src + declared + " but the repository carries " + join(detected), src_fr + declared + " mais le dépôt contient " + join(detected)}, ev);
}

// The licence ids to judge: the declared expression, else the identified files.
std::vector<std::string> licence_ids(AuditContext& ctx, bool& any_of, std::vector<Evidence>& ev) {
  any_of = false;
  if (const nlohmann::json* v = ctx.charter.field("openness.license"); v && v->is_string())
    if (auto expr = parse_spdx_expression(v->get<std::string>(), nullptr)) {
      any_of = expr->normalized.find(" OR ") != std::string::npos;
      ev.push_back(charter_evidence(ctx, "openness.license"));
      return expr->ids;
    }
  std::vector<std::string> ids;
  for (const auto& f : license_files(ctx))
    if (f.match.spdx && std::find(ids.begin(), ids.end(), *f.match.spdx) == ids.end()) {
      ids.push_back(*f.match.spdx);
      ev.push_back(file_evidence(f));
    }
  any_of = true;
  return ids;
}

// "la licence MIT est…" or "les licences MIT, ISC sont…": `one` and `many` are the French
// verb phrases for one licence and for several.
std::string licences_fr(const std::vector<std::string>& ids, const std::string& one, const std::string& many) {
  return ids.size() == 1 ? "la licence " + ids.front() + " " + one : "les licences " + join(ids) + " " + many;
}

/// What judge_licences says of the licences it judges: in English, then in French for one
/// licence and for several.
struct LicenceVerdict {
  std::string en, fr_one, fr_many;
};

template <class Pred>
CheckResult judge_licences(AuditContext& ctx, Pred ok, const LicenceVerdict& good, const LicenceVerdict& bad) {
  bool any_of = false;
  std::vector<Evidence> ev;
  auto ids = licence_ids(ctx, any_of, ev);
  if (ids.empty())
    return CheckResult::fail(Text{"no licence declared or identified", "aucune licence déclarée ni identifiée"});
  std::vector<std::string> good_ids, bad_ids;
  for (const auto& id : ids) (ok(id) ? good_ids : bad_ids).push_back(id);
  bool pass = any_of ? !good_ids.empty() : bad_ids.empty();
  if (pass) return CheckResult::pass(Text{join(good_ids) + " " + good.en, licences_fr(good_ids, good.fr_one, good.fr_many)}, ev);
  return CheckResult::fail(Text{join(bad_ids) + " " + bad.en, licences_fr(bad_ids, bad.fr_one, bad.fr_many)}, ev);
}

CheckResult license_is_free(AuditContext& ctx) {
  return judge_licences(
      ctx, [](const std::string& id) { const LicenseInfo* i = license_info(id); return i && (i->osi || i->fsf); },
      {"is OSI- or FSF-approved", "est approuvée par l'OSI ou la FSF", "sont approuvées par l'OSI ou la FSF"},
      {"is neither OSI- nor FSF-approved (or unknown to pacte)", "n'est approuvée ni par l'OSI ni par la FSF (ou est inconnue de pacte)",
       "ne sont approuvées ni par l'OSI ni par la FSF (ou sont inconnues de pacte)"});
}

CheckResult license_on_french_list(AuditContext& ctx) {
  return judge_licences(
      ctx, [](const std::string& id) { const LicenseInfo* i = license_info(id); return i && i->french_admin; },
      {"is on the CRPA D323-2-1 list", "figure sur la liste de l'article D323-2-1 du CRPA", "figurent sur la liste de l'article D323-2-1 du CRPA"},
      {"is not on the CRPA D323-2-1 list of licences for administrations",
       "ne figure pas sur la liste des licences de l'article D323-2-1 du CRPA",
       "ne figurent pas sur la liste des licences de l'article D323-2-1 du CRPA"});
}

CheckResult data_licenses_open(AuditContext& ctx) {
  std::vector<std::pair<std::string, std::string>> declared;  // (field, licence)
  if (const auto* v = ctx.charter.field("openness.data_license"); v && v->is_string()) declared.emplace_back("openness.data_license", v->get<std::string>());
  if (const auto* od = ctx.charter.field("openness.open_data"); od && od->is_array())
    for (std::size_t i = 0; i < od->size(); ++i) {
      std::string f = "openness.open_data." + std::to_string(i) + ".license";
      if (const auto* l = ctx.charter.field(f); l && l->is_string()) declared.emplace_back(f, l->get<std::string>());
      else declared.emplace_back(f, "");
    }
  if (declared.empty()) {
    if (ctx.charter.source == "none") return undeclared(ctx, "openness.data_license", Text{"the licence of published data", "la licence des données publiées"});
    return CheckResult::skip(Text{"the charter declares no published data", "la charte ne déclare aucune donnée publiée"});
  }
  std::vector<std::string> bad, bad_fr;
  std::vector<Evidence> ev;
  for (const auto& [field, lic] : declared) {
    bool ok = false;
    if (auto expr = parse_spdx_expression(lic, nullptr))
      for (const auto& id : expr->ids)
        if (const LicenseInfo* i = license_info(id); i && i->open_data) ok = true;
    if (!ok) {
      bad.push_back(field + (lic.empty() ? " (missing)" : " (" + lic + ")"));
      bad_fr.push_back(field + (lic.empty() ? " (absente)" : " (" + lic + ")"));
      ev.push_back(charter_evidence(ctx, field));
    }
  }
  if (bad.empty()) return CheckResult::pass(Text{"every published dataset has an open data licence", "chaque jeu de données publié a une licence de données ouvertes"});
  return CheckResult::fail(Text{"not an open data licence: " + join(bad), "licence absente ou qui n'est pas une licence de données ouvertes\u00a0: " + join(bad_fr)}, ev);
}

// Committed binaries: by extension, or by executable magic for files marked executable.
Text binary_kind(const FileEntry& e, const Snapshot& snap) {
  std::string lower = ascii_lower(e.path);
  auto ends = [&](const char* ext) {
    std::size_t n = std::strlen(ext);
    return lower.size() > n && lower.compare(lower.size() - n, n, ext) == 0;
  };
  for (const char* ext : {".exe", ".dll", ".msi"}) if (ends(ext)) return {"Windows executable or library", "exécutable ou bibliothèque Windows"};
  for (const char* ext : {".so", ".dylib", ".a", ".o", ".lib"}) if (ends(ext)) return {"native library or object", "bibliothèque ou fichier objet natif"};
  for (const char* ext : {".jar", ".war", ".ear", ".class"}) if (ends(ext)) return {"Java archive or class", "archive ou classe Java"};
  for (const char* ext : {".apk", ".aab", ".ipa", ".xapk"}) if (ends(ext)) return {"mobile application package", "paquet d'application mobile"};
  for (const char* ext : {".pyc", ".pyo", ".wasm"}) if (ends(ext)) return {"compiled bytecode", "code intermédiaire compilé"};
  if (lower.find(".so.") != std::string::npos && lower.find('.') != std::string::npos) return {"native library or object", "bibliothèque ou fichier objet natif"};
  if (e.executable && e.size >= 4 && e.size <= (64u << 20)) {
    // What the first bytes say, kept per blob in the result cache (kind "binary-magic"): the
    // scripts of a repository are executable too, and read again only when they changed.
    return BlobCache::through<Text>(snap, "binary-magic", e, [&]() -> Text {
      auto content = snap.content(e);
      if (!content || content->bytes().size() < 4) return {};
      const std::string_view c = content->bytes();
      if (c.substr(0, 4) == "\x7F" "ELF") return {"ELF executable", "exécutable ELF"};
      if (c.substr(0, 2) == "MZ") return {"Windows executable", "exécutable Windows"};
      unsigned char b0 = static_cast<unsigned char>(c[0]);
      if ((b0 == 0xCF || b0 == 0xCE || b0 == 0xCA) && static_cast<unsigned char>(c[1]) == 0xFA) return {"Mach-O executable", "exécutable Mach-O"};
      return {};
    });
  }
  return {};
}

bool accepted_binary_place(const std::string& path) {
  static const std::vector<std::string> ok = {"gradle/wrapper/gradle-wrapper.jar", ".mvn/wrapper/maven-wrapper.jar"};
  for (const auto& o : ok)
    if (path == o || (path.size() > o.size() && path[path.size() - o.size() - 1] == '/' && path.ends_with(o))) return true;
  std::string lower = std::string("/").append(ascii_lower(path));
  for (const char* dir : {"/test/", "/tests/", "/testdata/", "/test-data/", "/fixtures/", "/__tests__/", "/spec/", "/testing/"})
    if (lower.find(dir) != std::string::npos) return true;
  return false;
}

CheckResult no_committed_binaries(AuditContext& ctx) {
  std::vector<Evidence> ev;
  std::string first_fr;  // the first binary's kind and size, in French
  for (const auto& e : ctx.snapshot.files()) {
    if (e.kind != EntryKind::file || accepted_binary_place(e.path)) continue;
    Text kind = binary_kind(e, ctx.snapshot);
    if (kind.en.empty()) continue;
    ev.push_back({e.path, 0, "", kind.en + ", " + std::to_string(e.size) + " bytes"});
    if (first_fr.empty()) first_fr = kind.fr + ", " + std::to_string(e.size) + "\u00a0octets";
  }
  if (ev.empty())
    return CheckResult::pass(Text{"no committed binary outside test fixtures", "aucun fichier binaire enregistré dans le dépôt, hors jeux de test"});
  return CheckResult::fail(Text{std::to_string(ev.size()) + " committed binary file(s), first " + ev.front().path + " (" + ev.front().note + ")",
                                std::to_string(ev.size()) + " fichier(s) binaire(s) enregistré(s) dans le dépôt, dont " + ev.front().path + " (" + first_fr + ")"},
                           ev);
}

}  // namespace

void register_openness_primitives(std::vector<Primitive>& out) {
  out.push_back({
      .name = "license_file",
      .description = Text{"A licence file is present and its text identified (SPDX matching guidelines).", "Un fichier de licence est présent et son texte est identifié."},
      .params_schema = no_params_schema(),
      .run = without_params(license_file),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "license_matches_charter",
      .description = Text{"The declared licence agrees with the identified licence file (same family and version).", "La licence déclarée concorde avec le fichier de licence."},
      .params_schema = no_params_schema(),
      .run = without_params(license_matches_charter),
      .basis = Basis::cross_check,
  });
  out.push_back({
      .name = "license_is_free",
      .description = Text{"The licence is OSI- or FSF-approved.", "La licence est approuvée par l'OSI ou la FSF."},
      .params_schema = no_params_schema(),
      .run = without_params(license_is_free),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "license_on_french_list",
      .description = Text{"The licence is on the French list for administrations (CRPA D323-2-1).", "La licence figure sur la liste des licences de l'article D323-2-1 du CRPA."},
      .params_schema = no_params_schema(),
      .run = without_params(license_on_french_list),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "data_licenses_open",
      .description = Text{"Declared data licences are open data licences.", "Les licences de données déclarées sont des licences de données ouvertes."},
      .params_schema = no_params_schema(),
      .run = without_params(data_licenses_open),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "no_committed_binaries",
      .description = Text{"No executables, libraries, archives or packages are committed outside test fixtures.", "Aucun fichier binaire n'est enregistré dans le dépôt, hors jeux de test."},
      .params_schema = no_params_schema(),
      .run = without_params(no_committed_binaries),
      .passes_on_absence = true,
      .basis = Basis::evidence,
  });
}

}  // namespace pacte
