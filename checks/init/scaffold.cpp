#include "checks/init/scaffold.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/args.h>
#include <fmt/format.h>

#include "checks/base/embedded.hpp"
#include "checks/engine/charter.hpp"

namespace pacte {

namespace {

// The string at `dotted` in the charter, or "" when absent or not a string.
std::string field_text(const Charter& charter, const std::string& dotted) {
  const nlohmann::json* v = charter.field(dotted);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

// The people of the array at `dotted` as a Markdown list ("- Name <email> (role)"), or "".
std::string people_list(const Charter& charter, const std::string& dotted) {
  const nlohmann::json* list = charter.field(dotted);
  if (!list || !list->is_array()) return "";
  std::string out;
  for (const auto& p : *list) {
    if (!p.is_object() || !p.contains("name") || !p["name"].is_string()) continue;
    out += "- " + p["name"].get<std::string>();
    if (p.contains("email") && p["email"].is_string()) out += " <" + p["email"].get<std::string>() + ">";
    if (p.contains("role") && p["role"].is_string()) out += " (" + p["role"].get<std::string>() + ")";
    out += "\n";
  }
  if (!out.empty()) out.pop_back();
  return out;
}

// The conformance status in the statement's words: "partiellement conforme".
std::string status_words(const std::string& status, Lang lang) {
  if (status == "full") return Text{"fully compliant", "totalement conforme"}.in(lang);
  if (status == "partial") return Text{"partially compliant", "partiellement conforme"}.in(lang);
  if (status == "none") return Text{"non compliant", "non conforme"}.in(lang);
  return "";
}

// Records the markers of `text` in `to_fill`, in order, each once.
void collect_markers(const std::string& text, Lang lang, std::vector<std::string>& to_fill) {
  const std::string open = lang == Lang::fr ? "[À compléter\u00A0: " : "[To fill in: ";
  for (std::size_t at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
    std::size_t close = text.find(']', at);
    if (close == std::string::npos) break;
    std::string what = text.substr(at + open.size(), close - at - open.size());
    if (std::find(to_fill.begin(), to_fill.end(), what) == to_fill.end()) to_fill.push_back(what);
  }
}

}  // namespace

std::optional<ScaffoldKind> scaffold_kind(std::string_view name) {
  if (name == "statement") return ScaffoldKind::statement;
  if (name == "security") return ScaffoldKind::security;
  if (name == "contributing") return ScaffoldKind::contributing;
  return std::nullopt;
}

const std::vector<std::string>& scaffold_kind_names() {
  static const std::vector<std::string> names = {"statement", "security", "contributing"};
  return names;
}

std::string fill_in_marker(std::string_view what, Lang lang) {
  return (lang == Lang::fr ? "[À compléter\u00A0: " : "[To fill in: ") + std::string(what) + "]";
}

ScaffoldFile scaffold_file(ScaffoldKind kind, const Charter& charter, Lang lang, const std::string& service_name) {
  ScaffoldFile file;
  std::string name;
  switch (kind) {
    case ScaffoldKind::statement:
      name = "statement";
      file.default_path = lang == Lang::fr ? "docs/accessibilite.md" : "docs/accessibility.md";
      file.charter_key = "equal_access.accessibility.statement";
      break;
    case ScaffoldKind::security:
      name = "security";
      file.default_path = "SECURITY.md";
      break;
    case ScaffoldKind::contributing:
      name = "contributing";
      file.default_path = "CONTRIBUTING.md";
      file.charter_key = "openness.contributing";
      break;
  }
  const std::string template_path = "rules/templates/" + name + "." + (lang == Lang::fr ? "fr" : "en") + ".md";
  auto tmpl = embedded_file(template_path);
  if (!tmpl) throw std::runtime_error("internal error: the template " + template_path + " is not compiled in");

  // Each value: what the charter says, else a marker.
  auto known = [&](const std::string& value, const Text& what) { return value.empty() ? fill_in_marker(what.in(lang), lang) : value; };
  std::string service = field_text(charter, "service.name");
  if (service.empty()) service = service_name;
  const std::string standard = field_text(charter, "equal_access.accessibility.standard");
  const std::string status = field_text(charter, "equal_access.accessibility.status");
  const std::string audit_date = field_text(charter, "equal_access.accessibility.audit_date");
  std::string contacts = people_list(charter, "service.contacts");
  std::string maintainers = people_list(charter, "continuity.maintainers");
  std::string security_contact = field_text(charter, "continuity.security_contact");
  std::string status_text = status.empty() ? fill_in_marker(Text{"fully compliant, partially compliant or non compliant",
                                                                   "«\u00A0totalement conforme\u00A0», «\u00A0partiellement conforme\u00A0» ou «\u00A0non conforme\u00A0»"}
                                                                  .in(lang),
                                                             lang)
                                           : status_words(status, lang);

  fmt::dynamic_format_arg_store<fmt::format_context> args;
  args.push_back(fmt::arg("service", known(service, {"the service's name", "nom du service"})));
  args.push_back(fmt::arg("operator", known(field_text(charter, "service.operator"), {"the public entity responsible for the service", "entité publique responsable du service"})));
  args.push_back(fmt::arg("url", known(field_text(charter, "service.url"), {"the service's address", "adresse du service"})));
  args.push_back(fmt::arg("repository", known(field_text(charter, "service.repository"), {"the repository's address", "adresse du dépôt"})));
  args.push_back(fmt::arg("license", known(field_text(charter, "openness.license"), {"the licence", "licence"})));
  args.push_back(fmt::arg("status", status_text));
  args.push_back(fmt::arg("standard", standard.empty() ? std::string("RGAA 4.1") : standard));
  args.push_back(fmt::arg("audit_date", known(audit_date, {"the audit date (YYYY-MM-DD)", "date de l'audit (AAAA-MM-JJ)"})));
  args.push_back(fmt::arg("contacts", contacts.empty() ? "- " + fill_in_marker(Text{"an e-mail address or a contact form", "adresse électronique ou formulaire de contact"}.in(lang), lang)
                                                       : contacts));
  args.push_back(fmt::arg("maintainers", maintainers.empty() ? "- " + fill_in_marker(Text{"the maintainers and how to reach them", "mainteneurs et comment les joindre"}.in(lang), lang)
                                                             : maintainers));
  std::string security_to = security_contact;
  if (security_to.empty() && !maintainers.empty())
    security_to = Text{"the maintainers (privately, by e-mail):\n\n", "les mainteneurs (en privé, par courriel)\u00A0:\n\n"}.in(lang) + maintainers;
  args.push_back(fmt::arg("security_contact", known(security_to, {"a private address or form for security reports", "adresse ou formulaire privé pour les signalements de sécurité"})));
  try {
    file.text = fmt::vformat(std::string_view(*tmpl), args);
  } catch (const fmt::format_error& e) {
    throw std::runtime_error("internal error: the template " + template_path + " is malformed: " + e.what());
  }
  collect_markers(file.text, lang, file.to_fill);
  return file;
}

}  // namespace pacte
