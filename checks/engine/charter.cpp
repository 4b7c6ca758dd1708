#include "checks/engine/charter.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "checks/base/snapshot.hpp"
#include "checks/license/license.hpp"
#include "checks/base/schema.hpp"

namespace pacte {

CharterInvalid::CharterInvalid(std::vector<std::string> problems)
    : std::runtime_error(problems.empty() ? "invalid charter" : problems.front()), problems_(std::move(problems)) {}

namespace {
std::string dotted_to_pointer(const std::string& dotted) {
  std::string ptr;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    auto dot = dotted.find('.', start);
    std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    ptr.append("/").append(json_pointer_escape(part));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return ptr;
}

std::string pointer_to_dotted(const std::string& ptr) {
  std::string out;
  for (char c : ptr) out += c == '/' ? '.' : c;
  if (!out.empty() && out.front() == '.') out.erase(0, 1);
  return out;
}
}  // namespace

const nlohmann::json* Charter::field(const std::string& dotted) const {
  const nlohmann::json* cur = &doc;
  std::size_t start = 0;
  while (true) {
    auto dot = dotted.find('.', start);
    std::string key = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (cur->is_array() && !key.empty() && key.find_first_not_of("0123456789") == std::string::npos && key.size() < 9) {
      std::size_t i = std::stoul(key);
      if (i >= cur->size()) return nullptr;
      cur = &(*cur)[i];
    } else {
      if (!cur->is_object() || !cur->contains(key)) return nullptr;
      cur = &(*cur)[key];
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return cur->is_null() ? nullptr : cur;
}

SourcePos Charter::pos(const std::string& dotted) const { return yaml.position_of(dotted_to_pointer(dotted)); }

std::string Charter::where(const std::string& dotted) const {
  SourcePos p = pos(dotted);
  if (p.line > 0) return path + ":" + std::to_string(p.line) + ":" + std::to_string(p.col);
  return path;
}

bool path_stays_inside(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.front() == '\\') return false;
  if (path.find('\0') != std::string::npos) return false;
  if (path.size() >= 2 && path[1] == ':') return false;  // C:\...
  int depth = 0;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find_first_of("/\\", start);
    std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      if (--depth < 0) return false;
    } else if (!part.empty() && part != ".") {
      ++depth;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

std::optional<std::time_t> parse_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  return timegm(&tm);
}

namespace {

// Paths in the charter that name files in the repository.
const std::vector<std::string> kPathFields = {"openness.contributing", "continuity.succession_plan",
                                              "continuity.data_export", "equal_access.accessibility.statement"};
const std::vector<std::string> kDateFields = {"continuity.support_until", "equal_access.accessibility.audit_date"};

// "'value'" in English, "« value »" in French.
std::string quoted(const std::string& v, Lang lang) { return lang == Lang::fr ? "«\u00A0" + v + "\u00A0»" : "'" + v + "'"; }

// ": " in English, " : " (non-breaking space) in French.
const char* colon(Lang lang) { return lang == Lang::fr ? "\u00A0: " : ": "; }

// Reads the waivers of the list at `dotted` ("waivers" or "policy.waivers").
void read_waivers(Charter& c, const std::string& dotted, std::time_t today, std::vector<std::string>& problems, Lang lang) {
  const nlohmann::json* ws = c.field(dotted);
  const std::string base = dotted_to_pointer(dotted);
  if (!ws || !ws->is_array()) return;
  for (std::size_t i = 0; i < ws->size(); ++i) {
    const auto& w = (*ws)[i];
    if (!w.is_object()) continue;
    Waiver waiver;
    // The schema reports a wrong type; this must not throw (json::value does on a non-string).
    waiver.rule = w.contains("rule") && w["rule"].is_string() ? w["rule"].get<std::string>() : "";
    waiver.reason = w.contains("reason") && w["reason"].is_string() ? w["reason"].get<std::string>() : "";
    waiver.until = w.contains("until") && w["until"].is_string() ? w["until"].get<std::string>() : "";
    waiver.pos = c.yaml.position_of(base + "/" + std::to_string(i));
    waiver.in_policy = dotted != "waivers";
    if (w.contains("finding") && w["finding"].is_string()) waiver.finding = w["finding"].get<std::string>();
    if (w.contains("paths") && w["paths"].is_array())
      for (std::size_t k = 0; k < w["paths"].size(); ++k) {
        if (!w["paths"][k].is_string()) continue;
        std::string glob = w["paths"][k].get<std::string>();
        if (!path_stays_inside(glob))
          problems.push_back(InputError::format(c.path, c.yaml.position_of(base + "/" + std::to_string(i) + "/paths/" + std::to_string(k)),
                                                quoted(glob, lang) +
                                                    Text{" leaves the repository; give a glob relative to the repository root",
                                                         " sort du dépôt\u00A0; indiquez un motif relatif à la racine du dépôt"}
                                                        .in(lang)));
        waiver.paths.push_back(std::move(glob));
      }
    std::string at = InputError::format(c.path, waiver.pos, "");
    at.resize(at.size() - 2);
    auto trimmed = waiver.reason;
    trimmed.erase(0, trimmed.find_first_not_of(" \t"));
    if (trimmed.empty()) {
      waiver.not_applied = Text{"the waiver of " + waiver.rule + " has no reason; a waiver needs one",
                                "la dérogation à " + waiver.rule + " n'a pas de motif\u00A0; une dérogation en exige un"}
                               .in(lang);
    } else if (waiver.until.empty()) {
      waiver.not_applied = Text{"the waiver of " + waiver.rule + " has no 'until' date; a waiver needs an end",
                                "la dérogation à " + waiver.rule + " n'a pas de date de fin (until)\u00A0; une dérogation doit prendre fin"}
                               .in(lang);
    } else if (auto t = parse_date(waiver.until); !t) {
      problems.push_back(InputError::format(c.path, c.yaml.position_of(base + "/" + std::to_string(i) + "/until"),
                                            Text{"'" + waiver.until + "' is not a real date (YYYY-MM-DD)",
                                                 "«\u00A0" + waiver.until + "\u00A0» n'est pas une date réelle (AAAA-MM-JJ)"}
                                                .in(lang)));
      continue;
    } else if (*t + 86400 <= today) {
      waiver.not_applied = Text{"the waiver of " + waiver.rule + " expired on " + waiver.until,
                                "la dérogation à " + waiver.rule + " a expiré le " + waiver.until}
                               .in(lang);
    } else {
      waiver.applies = true;
    }
    if (!waiver.applies)
      c.warnings.push_back(at + ": " + waiver.not_applied + Text{": it does not apply", "\u00A0: elle ne s'applique pas"}.in(lang));
    c.waivers.push_back(std::move(waiver));
  }
}

// Reads `policy.rules` and `policy.gate` (the waivers are read with the others).
void read_policy(Charter& c) {
  const nlohmann::json* policy = c.field("policy");
  if (!policy || !policy->is_object()) return;
  c.policy.present = true;
  if (const nlohmann::json* rules = c.field("policy.rules"); rules && rules->is_array())
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const auto& r = (*rules)[i];
      if (!r.is_object()) continue;
      RulePolicy entry;
      const std::string at = "/policy/rules/" + std::to_string(i);
      entry.rule = r.contains("rule") && r["rule"].is_string() ? r["rule"].get<std::string>() : "";
      entry.reason = r.contains("reason") && r["reason"].is_string() ? r["reason"].get<std::string>() : "";
      entry.disable = r.contains("disable") && r["disable"].is_boolean() && r["disable"].get<bool>();
      if (!entry.disable && r.contains("severity") && r["severity"].is_string()) entry.severity = r["severity"].get<std::string>();
      entry.pos = c.yaml.position_of(at);
      entry.action_pos = c.yaml.position_of(at + (entry.disable ? "/disable" : "/severity"));
      c.policy.rules.push_back(std::move(entry));
    }
  if (const nlohmann::json* v = c.field("policy.gate.fail_on"); v && v->is_string()) c.policy.fail_on = v->get<std::string>();
  if (const nlohmann::json* v = c.field("policy.gate.fail_under"); v && v->is_number()) c.policy.fail_under = v->get<double>();
}

void check_spdx(const Charter& c, const std::string& dotted, std::vector<std::string>& problems, Lang lang) {
  const nlohmann::json* v = c.field(dotted);
  if (!v || !v->is_string()) return;
  std::string err;
  if (!parse_spdx_expression(v->get<std::string>(), &err))
    problems.push_back(InputError::format(c.path, c.pos(dotted),
                                          dotted + colon(lang) +
                                              Text{"'" + v->get<std::string>() + "' is not a valid SPDX licence expression: " + err +
                                                       " (see https://spdx.org/licenses/)",
                                                   "«\u00A0" + v->get<std::string>() + "\u00A0» n'est pas une expression de licence SPDX valide "
                                                       "(diagnostic de l'analyseur\u00A0: «\u00A0" + err + "\u00A0»\u00A0; voir https://spdx.org/licenses/)"}
                                                  .in(lang)));
}

}  // namespace

Charter load_charter(std::string_view text, const std::string& display_path, std::time_t today, Lang lang) {
  Charter c;
  c.source = "pacte";
  c.path = display_path;
  c.yaml = parse_yaml(text, display_path);
  if (!c.yaml.value.is_object())
    throw CharterInvalid({InputError::format(display_path, {1, 1},
                                             Text{"a charter is a YAML mapping starting with 'pacte: 1'; run 'pacte init' for a draft",
                                                  "une charte est un dictionnaire YAML qui commence par «\u00A0pacte: 1\u00A0»\u00A0; "
                                                  "«\u00A0pacte init\u00A0» en rédige un brouillon"}
                                                 .in(lang))});
  c.doc = c.yaml.value;
  std::vector<std::string> problems;
  const JsonSchema& schema = builtin_schema("charter.schema.json");
  for (const auto& e : schema.validate(c.doc)) {
    std::string where = e.pointer.empty() ? "" : pointer_to_dotted(e.pointer) + colon(lang);
    problems.push_back(InputError::format(display_path, c.yaml.position_of(e.pointer),
                                          where + (lang == Lang::fr ? e.message_fr : e.message)));
  }
  for (const auto& ptr : schema.unknown_keys(c.doc)) {
    auto slash = ptr.rfind('/');
    std::string key = ptr.substr(slash + 1);
    std::string suggestion = did_you_mean(key, schema.known_keys_at(ptr.substr(0, slash)));
    c.warnings.push_back(InputError::format(display_path, c.yaml.position_of(ptr),
                                            Text{"unknown key '" + pointer_to_dotted(ptr) + "' is ignored" +
                                                     (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"),
                                                 "clé inconnue " + quoted(pointer_to_dotted(ptr), lang) + " ignorée" +
                                                     (suggestion.empty() ? "" : " (vouliez-vous dire " + quoted(suggestion, lang) + "\u00A0?)")}
                                                .in(lang)));
  }
  for (const auto& f : kDateFields) {
    const nlohmann::json* v = c.field(f);
    if (v && v->is_string() && v->get<std::string>().size() == 10 && !parse_date(v->get<std::string>()))
      problems.push_back(InputError::format(display_path, c.pos(f), f + colon(lang) + quoted(v->get<std::string>(), lang) +
                                                               Text{" is not a real date", " n'est pas une date réelle"}.in(lang)));
  }
  for (const auto& f : kPathFields) {
    const nlohmann::json* v = c.field(f);
    if (v && v->is_string() && !path_stays_inside(v->get<std::string>()))
      problems.push_back(InputError::format(display_path, c.pos(f),
                                            f + colon(lang) + quoted(v->get<std::string>(), lang) +
                                                Text{" leaves the repository; give a path relative to the repository root",
                                                     " sort du dépôt\u00A0; indiquez un chemin relatif à la racine du dépôt"}
                                                    .in(lang)));
  }
  check_spdx(c, "openness.license", problems, lang);
  check_spdx(c, "openness.data_license", problems, lang);
  if (const auto* od = c.field("openness.open_data"); od && od->is_array())
    for (std::size_t i = 0; i < od->size(); ++i) check_spdx(c, "openness.open_data." + std::to_string(i) + ".license", problems, lang);
  read_waivers(c, "waivers", today, problems, lang);
  read_waivers(c, "policy.waivers", today, problems, lang);
  read_policy(c);
  if (!problems.empty()) throw CharterInvalid(problems);
  return c;
}

bool publiccode_declares(const std::string& field) {
  static const std::vector<std::string> kFields = {"service.name", "service.repository", "service.url", "service.operator",
                                                   "service.description", "openness.license", "continuity.maintenance",
                                                   "continuity.maintainers", "equal_access.languages"};
  for (const auto& f : kFields)
    if (field == f || field.rfind(f + ".", 0) == 0) return true;
  return false;
}

Charter load_publiccode(std::string_view text, const std::string& display_path, Lang lang) {
  Charter c;
  c.source = "publiccode";
  c.path = display_path;
  c.yaml = parse_yaml(text, display_path);
  const nlohmann::json& pc = c.yaml.value;
  if (!pc.is_object()) {
    c.errors.push_back(InputError::format(display_path, {1, 1}, Text{"publiccode.yml is not a YAML mapping; it was ignored",
                                                                    "publiccode.yml n'est pas un dictionnaire YAML\u00A0; il a été ignoré"}
                                                                   .in(lang)));
    return c;
  }
  nlohmann::json doc = {{"pacte", 1}};
  auto str = [&](const nlohmann::json& obj, const char* key) -> std::optional<std::string> {
    if (obj.is_object() && obj.contains(key) && obj[key].is_string()) return obj[key].get<std::string>();
    return std::nullopt;
  };
  nlohmann::json service = nlohmann::json::object();
  if (auto v = str(pc, "name")) service["name"] = *v;
  if (auto v = str(pc, "url")) service["repository"] = *v;
  if (auto v = str(pc, "landingURL")) service["url"] = *v;
  if (pc.contains("legal") && pc["legal"].is_object()) {
    if (auto v = str(pc["legal"], "mainCopyrightOwner")) service["operator"] = *v;
    else if (auto v2 = str(pc["legal"], "repoOwner")) service["operator"] = *v2;
    if (auto v = str(pc["legal"], "license")) {
      std::string err;
      if (parse_spdx_expression(*v, &err))
        doc["openness"]["license"] = *v;
      else
        c.errors.push_back(InputError::format(display_path, c.yaml.position_of("/legal/license"),
                                              "legal.license" + std::string(colon(lang)) +
                                                  Text{"'" + *v + "' is not a valid SPDX expression: " + err,
                                                       "«\u00A0" + *v + "\u00A0» n'est pas une expression SPDX valide (diagnostic de l'analyseur\u00A0: «\u00A0" + err + "\u00A0»)"}
                                                      .in(lang)));
    }
  }
  if (pc.contains("description") && pc["description"].is_object()) {
    const auto& d = pc["description"];
    for (const char* lang : {"en", "fr"})
      if (d.contains(lang) && !service.contains("description"))
        if (auto v = str(d[lang], "shortDescription")) service["description"] = *v;
    if (!service.contains("description"))
      for (const auto& [lang, body] : d.items())
        if (auto v = str(body, "shortDescription")) {
          service["description"] = *v;
          break;
        }
  }
  doc["service"] = service;
  if (pc.contains("maintenance") && pc["maintenance"].is_object()) {
    const auto& m = pc["maintenance"];
    if (auto v = str(m, "type")) {
      static const std::vector<std::string> kinds = {"internal", "contract", "community", "none"};
      if (std::find(kinds.begin(), kinds.end(), *v) != kinds.end()) doc["continuity"]["maintenance"] = *v;
    }
    nlohmann::json maint = nlohmann::json::array();
    if (m.contains("contacts") && m["contacts"].is_array())
      for (const auto& ct : m["contacts"]) {
        if (!ct.is_object() || !ct.contains("name") || !ct["name"].is_string()) continue;
        nlohmann::json p = {{"name", ct["name"]}};
        if (auto e = str(ct, "email")) p["email"] = *e;
        maint.push_back(p);
      }
    if (!maint.empty()) doc["continuity"]["maintainers"] = maint;
  }
  if (pc.contains("localisation") && pc["localisation"].is_object() && pc["localisation"].contains("availableLanguages") &&
      pc["localisation"]["availableLanguages"].is_array()) {
    nlohmann::json langs = nlohmann::json::array();
    for (const auto& l : pc["localisation"]["availableLanguages"])
      if (l.is_string()) langs.push_back(l);
    doc["equal_access"]["languages"] = langs;
  }
  c.doc = doc;
  c.warnings.push_back(display_path + colon(lang) +
                       Text{"publiccode.yml cannot declare advertising, data sale, funding, trackers, accessibility or "
                            "succession: add a pacte.yml ('pacte init') to declare them",
                            "publiccode.yml ne peut déclarer ni la publicité, ni la vente de données, ni le financement, ni les "
                            "traceurs, ni l'accessibilité, ni la succession\u00A0: ajoutez un pacte.yml («\u00A0pacte init\u00A0») "
                            "pour les déclarer"}
                           .in(lang));
  return c;
}

const std::vector<std::string>& charter_locations() {
  static const std::vector<std::string> locs = {"pacte.yml", ".pacte.yml", ".github/pacte.yml"};
  return locs;
}

namespace {
Text over_cap(std::uint64_t size) {
  std::string cap = std::to_string(kCharterMaxBytes >> 20) + " MiB";
  std::string got;
  if (size) got.append(" (").append(std::to_string(size)).append(" bytes)");
  return Text{"the charter is larger than " + cap + got + ", the most pacte reads; a charter is a page of YAML",
              "la charte dépasse " + cap + got + ", le maximum que lit pacte\u00A0; une charte tient en une page de YAML"};
}

}  // namespace

std::string read_charter_file(const std::string& path, Lang lang) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(path, {}, Text{"is a folder, not a charter file; give the path of the pacte.yml file",
                                    "est un dossier, pas un fichier de charte\u00A0; indiquez le chemin du fichier pacte.yml"}
                                   .in(lang));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, {}, Text{"cannot read the charter file", "impossible de lire le fichier de charte"}.in(lang) +
                                          (errno ? std::string(" (") + std::strerror(errno) + ")" : std::string()));
  std::string text;
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kCharterMaxBytes) throw InputError(path, {}, over_cap(0).in(lang));
  }
  if (in.bad()) throw InputError(path, {}, Text{"read error", "erreur de lecture"}.in(lang));
  return text;
}

void warn_unknown_waivers(Charter& charter, const std::vector<std::string>& rule_ids, Lang lang) {
  for (const auto& w : charter.waivers) {
    if (w.rule.empty() || std::find(rule_ids.begin(), rule_ids.end(), w.rule) != rule_ids.end()) continue;
    std::string closest;
    std::size_t best = std::string::npos;
    for (const auto& id : rule_ids)
      if (std::size_t d = edit_distance(w.rule, id); d < best) best = d, closest = id;
    std::string hint_en = closest.empty() ? "" : "; did you mean " + closest + "?";
    std::string hint_fr = closest.empty() ? "" : "\u00A0; vouliez-vous dire " + closest + "\u00A0?";
    charter.warnings.push_back(InputError::format(charter.path, w.pos,
                               Text{"the waiver names rule " + w.rule + ", which no rule in force has: it waives nothing" + hint_en,
                                    "la dérogation nomme la règle " + w.rule + ", qu'aucune règle en vigueur ne porte\u00A0: elle ne "
                                    "déroge à rien" + hint_fr}
                                   .in(lang)));
  }
}

Charter find_charter(const Snapshot& snap, std::time_t today, Lang lang) {
  for (const auto& loc : charter_locations()) {
    const FileEntry* e = snap.find(loc);
    if (!e) continue;
    if (e->kind != EntryKind::file)
      throw InputError(loc, {},
                       Text{"the charter is a symbolic link or submodule; pacte does not follow links: commit the file itself",
                            "la charte est un lien symbolique ou un sous-module\u00A0; pacte ne suit pas les liens\u00A0: "
                            "versionnez le fichier lui-même"}
                           .in(lang));
    if (e->size > kCharterMaxBytes) throw InputError(loc, {}, over_cap(e->size).in(lang));
    auto text = snap.read(*e);
    if (text && text->size() > kCharterMaxBytes) throw InputError(loc, {}, over_cap(text->size()).in(lang));
    if (!text) {
      std::string why;
      for (const auto& u : snap.unreadable())
        if (u.path == loc) why = ": " + u.reason;
      // A reason that names its cause (no file descriptor left, a damaged pack: it then ends
      // with what to do) needs no guess about partial clones.
      bool explained = why.find("git fsck") != std::string::npos || why.find("ulimit") != std::string::npos;
      if (explained)
        throw InputError(loc, {}, Text{"the charter cannot be read" + why, "la charte ne peut pas être lue" + why}.in(lang));
      throw InputError(loc, {},
                       Text{"the charter cannot be read" + why +
                                " (a partial or damaged clone?); fetch the missing objects or give the charter with --charter",
                            "la charte ne peut pas être lue" + why +
                                " (clone partiel ou endommagé\u00A0?)\u00A0; récupérez les objets manquants ou indiquez la charte avec --charter"}
                           .in(lang));
    }
    return load_charter(*text, loc, today, lang);
  }
  for (const char* loc : {"publiccode.yml", "publiccode.yaml"}) {
    const FileEntry* e = snap.find(loc);
    if (!e || e->kind != EntryKind::file) continue;
    auto text = snap.read(*e);
    if (!text) continue;
    try {
      return load_publiccode(*text, loc, lang);
    } catch (const InputError& err) {
      Charter c;
      c.path = loc;
      c.errors.push_back(err.what());
      return c;
    }
  }
  return Charter{};
}

}  // namespace pacte
