#include "checks/engine/evaluate.hpp"

#include <git2.h>

#include <algorithm>
#include <set>

#include "checks/engine/policy.hpp"

namespace pacte {

const char* status_name(Status s) {
  switch (s) {
    case Status::pass: return "pass";
    case Status::fail: return "fail";
    case Status::skip: return "skip";
    case Status::error: return "error";
    case Status::waived: return "waived";
    case Status::undeclared: return "undeclared";
  }
  return "error";
}

const char* basis_name(Basis b) {
  switch (b) {
    case Basis::evidence: return "evidence";
    case Basis::declaration: return "declaration";
    case Basis::cross_check: return "cross-check";
  }
  return "evidence";
}

Basis check_basis(const CheckSpec& check) {
  const Primitive* p = find_primitive(check.primitive);
  if (!p) return Basis::evidence;
  return p->basis_of ? p->basis_of(check.params) : p->basis;
}

Basis rule_basis(const Rule& rule) { return check_basis(rule.check); }

const std::vector<Primitive>& primitives() {
  static const std::vector<Primitive> all = [] {
    std::vector<Primitive> out;
    register_general_primitives(out);
    register_openness_primitives(out);
    register_neutrality_primitives(out);
    register_continuity_primitives(out);
    register_equal_access_primitives(out);
    return out;
  }();
  return all;
}

const Primitive* find_primitive(const std::string& name) {
  for (const auto& p : primitives())
    if (p.name == name) return &p;
  return nullptr;
}

std::string fingerprint_of(const std::vector<std::string>& parts) {
  std::string buf;
  for (const auto& p : parts) {
    buf += p;
    buf.push_back('\0');
  }
  git_oid oid;
  git_odb_hash(&oid, buf.data(), buf.size(), GIT_OBJECT_BLOB);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

namespace {

// Whether the check's primitive passes on absence (see Primitive::passes_on_absence).
bool passes_on_absence(const CheckSpec& spec) {
  const Primitive* p = find_primitive(spec.primitive);
  return p && p->passes_on_absence;
}

CheckResult run_check(const CheckSpec& spec, AuditContext& ctx) {
  const Primitive* p = find_primitive(spec.primitive);
  if (!p) return CheckResult::error({"unknown check primitive '" + spec.primitive + "'", "primitive de contrôle inconnue «\u00a0" + spec.primitive + "\u00a0»"});
  try {
    return p->run(ctx, spec.params);
  } catch (const std::exception& e) {
    return CheckResult::error({std::string("the check could not be evaluated: ") + e.what(),
                               std::string("le contrôle n'a pas pu être évalué\u00a0: ") + e.what()});
  }
}

// Whitespace-folded snippet, so that re-indenting a line keeps the fingerprint.
std::string fold_ws(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/// What identifies one finding across runs: its path, its snippet (whitespace folded) and its
/// note. A result's fingerprint hashes the set of these; a finding's, its own.
std::string finding_key(const Evidence& evidence) {
  return evidence.path + "\n" + fold_ws(evidence.snippet) + "\n" + evidence.note;
}

}  // namespace

std::string finding_fingerprint(const std::string& rule_id, const Evidence& evidence) {
  return fingerprint_of({rule_id, finding_key(evidence)});
}

std::vector<RuleResult> evaluate_rules(const RuleSet& rules, AuditContext& ctx) {
  std::vector<RuleResult> results;
  results.reserve(rules.rules.size());
  for (const auto& rule : rules.rules) {
    ctx.deadline.check();
    RuleResult r;
    r.rule = &rule;
    bool skipped = false;
    for (const auto& cond : rule.when) {
      CheckResult c = run_check(cond, ctx);
      if (c.status == Status::error) {
        r.status = Status::error;
        r.message = c.message;
        skipped = true;
        break;
      }
      if (c.status != Status::pass) {
        r.status = Status::skip;
        r.message = {"not applicable: " + c.message.en, "sans objet\u00a0: " + c.message.fr};
        skipped = true;
        break;
      }
    }
    if (!skipped) {
      CheckResult c = run_check(rule.check, ctx);
      r.status = c.status;
      r.message = std::move(c.message);
      r.evidence = std::move(c.evidence);
      if (r.status == Status::pass && !rule.pass_message.en.empty()) r.message = rule.pass_message;
      if (r.status == Status::fail && !rule.fail_message.en.empty()) {
        // A rule's own wording replaces the primitive's, keeping the details after a colon.
        r.message.en = rule.fail_message.en + (r.message.en.empty() ? "" : ": " + r.message.en);
        r.message.fr = rule.fail_message.in(Lang::fr) + (r.message.fr.empty() ? "" : "\u00a0: " + r.message.fr);
      }
    }
    waive_findings(r, ctx.charter);  // before the evidence limit, so that it counts every finding
    if (r.evidence.size() > ctx.options.max_evidence) {
      r.evidence_dropped = r.evidence.size() - ctx.options.max_evidence;
      r.evidence.resize(ctx.options.max_evidence);
      r.message.en += " (" + std::to_string(r.evidence_dropped) + " more places not listed)";
      r.message.fr += " (" + std::to_string(r.evidence_dropped) + " autres emplacements non listés)";
    }
    // Without any charter, a rule that rests on a declaration fails only for want of one, and
    // a declaration rule that passes only passes on absence (nothing says "advertising: true"):
    // neither judges anything. A cross-check that passes stays: the code showed nothing that
    // needed declaring (no social login, a CONTRIBUTING file found).
    if (ctx.charter.source == "none" && (r.status == Status::fail || r.status == Status::pass)) {
      Basis basis = rule_basis(rule);
      if (r.status == Status::fail && basis != Basis::evidence) r.status = Status::undeclared;
      if (r.status == Status::pass && basis == Basis::declaration) {
        r.status = Status::undeclared;
        r.message = {"no charter: nothing declared to judge (" + r.message.en + ")",
                     "pas de charte\u00a0: aucune déclaration à juger (" + r.message.fr + ")"};
      }
    }
    if (r.status == Status::fail) {
      for (const auto& w : ctx.charter.waivers)
        if (w.rule == rule.id && w.applies && !w.scoped()) {
          r.status = Status::waived;
          r.waiver = &w;
          break;
        }
    }
    // A rule that passes because nothing was found cannot be trusted when files that should
    // have been read are missing or corrupt (a partial clone, a damaged object): say so.
    if (r.status == Status::pass && passes_on_absence(rule.check)) {
      std::vector<std::string> missing;
      for (const auto& u : ctx.snapshot.unreadable())
        if (!u.over_size_limit) missing.push_back(u.path);
      if (!missing.empty()) {
        std::string first = to_valid_utf8(missing.front());
        r.status = Status::error;
        r.message = {std::to_string(missing.size()) + " file(s) could not be read (first " + first +
                         "; see stats.unreadable): nothing was found, but that cannot be confirmed",
                     std::to_string(missing.size()) + " fichier(s) illisible(s) (dont " + first +
                         "\u00a0; voir stats.unreadable)\u00a0: rien n'a été trouvé, mais sans pouvoir le confirmer"};
      }
    }
    std::vector<std::string> parts = {rule.id};
    std::set<std::string> ev;
    for (const auto& e : r.evidence) ev.insert(finding_key(e));
    parts.insert(parts.end(), ev.begin(), ev.end());
    r.fingerprint = fingerprint_of(parts);
    for (const auto& e : r.evidence) r.finding_fingerprints.push_back(finding_fingerprint(rule.id, e));
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace pacte
