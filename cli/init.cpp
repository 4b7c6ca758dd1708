// pacte init: options, where the draft goes, the refusal to overwrite, and the follow-up
// audit. The draft itself is built by checks/init (draft_charter).
#include "cli/init.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "checks/base/vocabulary.hpp"
#include "checks/engine/charter.hpp"
#include "checks/init/draft.hpp"
#include "checks/init/gains.hpp"
#include "checks/init/charter_edit.hpp"
#include "checks/init/source.hpp"
#include "checks/init/update.hpp"

namespace pacte::cli {

namespace fs = std::filesystem;

void add_init_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<InitCommand>();
  auto* init = app.add_subcommand("init", "Write a charter draft (pacte.yml) from what the repository shows");
  init->add_option("path", cmd->path, "Working copy, folder inside one, plain folder or bare repository (default: .)");
  init->add_flag("--force", cmd->force, "Overwrite an existing charter (pacte.yml, .pacte.yml, .github/pacte.yml) or --output FILE");
  init->add_option("--output,-o", cmd->output, "Write the draft to FILE instead of pacte.yml at the repository root; - prints it");
  init->add_option("--lang", cmd->lang, "Language of the draft's comments and messages: en or fr")->check(CLI::IsMember({"en", "fr"}));
  init->add_flag("--worktree", cmd->worktree, "Draft from the files on disk (uncommitted changes included), not from HEAD");
  init->add_flag("--no-audit", cmd->no_audit, "Write the draft only; skip the audit and the suggestions");
  init->add_flag("--update", cmd->update, "Add to the existing charter what the code now shows (trackers, languages; maintainers as comments), keeping its comments and layout");
  init->add_flag("--dry-run", cmd->dry_run, "With --update: print the changes as a diff and write nothing");
  init->footer(
      "The draft fills in what the repository shows (licence, maintainers from the last year of\n"
      "history, translation languages, detected trackers, accessibility statement, publiccode.yml)\n"
      "and marks the rest TODO. Required values pacte cannot know are placeholders that keep the\n"
      "file valid but fail the audit until you replace them. Then it audits the draft and prints\n"
      "the three changes that would raise the score most.\n\n"
      "Examples:\n"
      "  pacte init                         write ./pacte.yml from HEAD\n"
      "  pacte init ../service --lang fr    comments in French\n"
      "  pacte init --output - > draft.yml  print the draft (suggestions go to stderr)\n"
      "  pacte init /srv/mirrors/service.git --output service-pacte.yml\n"
      "  pacte init --worktree --force      redo the draft from the files on disk\n"
      "  pacte init --update --dry-run      show what the code now shows that the charter lacks");
  subs.push_back({init, [cmd, &out, &err] { return run_init(*cmd, out, err); }});
}

namespace {

// A charter already in the repository: on disk at the root, or in the snapshot read.
std::string existing_charter(const DraftSource& src) {
  for (const auto& loc : charter_locations()) {
    std::error_code ec;
    if (!src.bare() && fs::exists(fs::path(src.root()) / loc, ec)) return (fs::path(src.root()) / loc).string();
    if (src.snapshot().find(loc)) return loc + " (HEAD)";
  }
  return "";
}

// Whether a remote URL is worth publishing as service.repository: a network URL
// (https://, ssh://, git://) or scp-like (git@host:path), not a local path or file://.
bool network_url(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme != std::string::npos) return url.compare(0, scheme, "file") != 0;
  auto at = url.find('@'), colon = url.find(':'), slash = url.find('/');
  return at != std::string::npos && colon != std::string::npos && at < colon && (slash == std::string::npos || colon < slash);
}

// `s` with every occurrence of `from` replaced by `to`.
std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto pos = s.find(from); !from.empty() && pos != std::string::npos; pos = s.find(from, pos + to.size())) s.replace(pos, from.size(), to);
  return s;
}

// Writes `text` with `prefix` before every line but the first.
void indented(std::ostream& os, const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    os << (first ? "" : prefix) << line << "\n";
    first = false;
  }
}

// Audits the repository with the draft and prints the changes worth the most points.
// `shown_as` replaces the charter's path in messages (a temporary file when the draft is printed).
void print_suggestions(const InitCommand& cmd, const DraftSource& src, const std::string& charter_file, const std::string& shown_as, Lang lang,
                       std::ostream& msg) {
  AuditOptions ao;
  ao.path = cmd.path;
  ao.lang = lang;
  ao.charter_file = charter_file;
  ao.worktree = src.reads_worktree();  // audit the very files the draft was built from
  nlohmann::json report;
  RuleSet rules;
  try {
    rules = load_rules({}, false);
    report = run_audit(ao, rules);
  } catch (const CharterInvalid& e) {
    for (const auto& p : e.problems()) msg << p << "\n";
    msg << Text{"pacte: the draft could not be audited; fix it, then run 'pacte audit'.\n",
              "pacte: le brouillon n'a pas pu être audité\u00A0; corrigez-le puis lancez «\u00A0pacte audit\u00A0».\n"}.in(lang);
    return;
  } catch (const std::exception& e) {
    msg << Text{"pacte: the draft could not be audited: ", "pacte: le brouillon n'a pas pu être audité\u00A0: "}.in(lang) << e.what() << "\n";
    return;
  }
  msg << "\n"
      << fmt::format(fmt::runtime(label(L::init_score, lang)), format_score(report.value("score", 0.0), lang),
                     verdict_label(report.value("verdict", ""), lang))
      << "\n";
  auto gains = score_gains(report, rules);
  std::size_t shown = 0;
  for (const auto& g : gains) {
    if (shown >= cmd.suggestions || g.gain <= 0) break;
    if (shown == 0)
      msg << label(L::init_best_changes, lang) << "\n";
    ++shown;
    std::string points = format_delta(g.gain, lang) + " " + std::string(label(L::points, lang));
    msg << "  " << shown << ". " << points << "  " << g.rule->id << " (" << severity_word(severity_name(g.rule->severity), lang)
        << ")" << (lang == Lang::fr ? "\u00A0: " : ": ") << g.rule->title.in(lang) << "\n";
    if (!g.message.empty()) {
      msg << "     " << label(L::init_now, lang);
      indented(msg, typeset(replace_all(g.message, charter_file, shown_as), lang), "          ");
    }
    msg << "     " << label(L::init_fix, lang);
    indented(msg, typeset(g.rule->remediation.in(lang), lang), "          ");
  }
  if (shown == 0) msg << label(L::init_nothing_to_suggest, lang) << "\n";
  std::string where = cmd.path == "." ? "" : " " + cmd.path;
  if (charter_file == (fs::path(src.root()) / "pacte.yml").string())
    msg << Text{"Next: write the TODO lines, run 'pacte validate', then 'pacte audit" + where + " --worktree' (or commit pacte.yml and run 'pacte audit" + where + "').\n",
              "Ensuite\u00A0: complétez les lignes TODO, lancez «\u00A0pacte validate\u00A0», puis «\u00A0pacte audit" + where + " --worktree\u00A0» (ou versionnez pacte.yml et lancez «\u00A0pacte audit" + where + "\u00A0»).\n"}.in(lang);
  else if (cmd.output != "-")
    msg << Text{"Next: write the TODO lines, then 'pacte audit" + where + " --charter " + charter_file + "'.\n",
              "Ensuite\u00A0: complétez les lignes TODO, puis «\u00A0pacte audit" + where + " --charter " + charter_file + "\u00A0».\n"}.in(lang);
}

// pacte init --update: the existing charter, with what the code now shows and it lacks added in
// place (checks/init/update.hpp); --dry-run prints the diff instead.
int run_init_update(const InitCommand& cmd, Lang lang, std::ostream& out, std::ostream& err) {
  std::unique_ptr<DraftSource> src;
  try {
    src = std::make_unique<DraftSource>(cmd.path, cmd.worktree);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  std::string charter_path;
  if (!src->bare())
    for (const auto& loc : charter_locations()) {
      std::error_code ec;
      if (fs::is_regular_file(fs::path(src->root()) / loc, ec)) {
        charter_path = (fs::path(src->root()) / loc).string();
        break;
      }
    }
  if (charter_path.empty())
    return usage_error(err, Text{src->root() + ": no charter (pacte.yml, .pacte.yml or .github/pacte.yml) in the working tree to update; run 'pacte init' to write one",
                               src->root() + "\u00A0: aucune charte (pacte.yml, .pacte.yml ou .github/pacte.yml) à mettre à jour dans l'arbre de travail\u00A0; lancez «\u00A0pacte init\u00A0» pour en écrire une"}.in(lang));
  const std::string target = cmd.output.empty() ? charter_path : cmd.output;
  CharterUpdate update;
  std::string before;
  try {
    before = read_charter_file(charter_path, lang);
    Charter no_charter;
    AuditContext ctx(src->snapshot(), no_charter, audit_now());
    src->prepare(ctx);
    update = update_charter(before, charter_path, ctx, lang);
  } catch (const CharterInvalid& e) {
    return charter_not_valid(err, e, charter_path, lang);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  // Printing the charter itself (--output -): the messages go to standard error.
  std::ostream& msg = target == "-" && !cmd.dry_run ? err : out;
  for (const auto& c : update.changes) msg << "  + " << c << "\n";
  if (!update.by_hand.empty()) {
    msg << Text{"Not added (the charter's layout there is one pacte does not edit); add by hand:\n",
                "Non ajouté (pacte ne modifie pas la charte sous cette forme)\u00A0; à ajouter à la main\u00A0:\n"}.in(lang);
    for (const auto& h : update.by_hand) msg << "  " << h << "\n";
  }
  if (cmd.dry_run) {
    out << unified_diff(before, update.text, charter_path, target);
    out << (update.text == before ? Text{"Nothing to add: the charter declares what the code shows.\n", "Rien à ajouter\u00A0: la charte déclare ce que le code montre.\n"}
                                  : Text{"Dry run: nothing was written.\n", "Simulation\u00A0: rien n'a été écrit.\n"}).in(lang);
    return 0;
  }
  if (update.text == before && target == charter_path) {
    out << Text{"Nothing to add: the charter declares what the code shows.\n", "Rien à ajouter\u00A0: la charte déclare ce que le code montre.\n"}.in(lang);
    return 0;
  }
  if (target != charter_path && target != "-") {
    std::error_code ec;
    if (fs::exists(target, ec) && !cmd.force)
      return usage_error(err, Text{target + ": the file already exists; use --force to overwrite it",
                                 target + "\u00A0: le fichier existe déjà\u00A0; utilisez --force pour l'écraser"}.in(lang));
  }
  try {
    write_output(target, update.text, out);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  if (target != "-") out << Text{"Updated ", "Mis à jour\u00A0: "}.in(lang) << target << "\n";
  return 0;
}

}  // namespace

int run_init(const InitCommand& cmd, std::ostream& out, std::ostream& err) {
  Lang lang;
  if (!parse_lang(cmd.lang, lang, err)) return 2;
  if (cmd.dry_run && !cmd.update) return usage_error(err, "--dry-run goes with --update");
  if (cmd.update) return run_init_update(cmd, lang, out, err);
  std::unique_ptr<DraftSource> src;
  try {
    src = std::make_unique<DraftSource>(cmd.path, cmd.worktree);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  const bool to_stdout = cmd.output == "-";
  std::string target;
  if (cmd.output.empty()) {
    if (src->bare())
      return usage_error(err, Text{src->root() + ": a bare repository has no working tree to write pacte.yml into; give --output FILE (or --output - to print the draft)",
                                 src->root() + "\u00A0: un dépôt nu n'a pas d'arbre de travail où écrire pacte.yml\u00A0; donnez --output FICHIER (ou --output - pour l'afficher)"}.in(lang));
    target = (fs::path(src->root()) / "pacte.yml").string();
    if (std::string existing = existing_charter(*src); !existing.empty() && !cmd.force)
      return usage_error(err, Text{existing + ": a charter already exists; pacte init does not overwrite it. Use --force to replace it, or --output - to print a draft",
                                 existing + "\u00A0: une charte existe déjà\u00A0; pacte init ne l'écrase pas. Utilisez --force pour la remplacer, ou --output - pour afficher un brouillon"}.in(lang));
  } else if (!to_stdout) {
    target = cmd.output;
    std::error_code ec;
    if (fs::exists(target, ec) && !cmd.force)
      return usage_error(err, Text{target + ": the file already exists; use --force to overwrite it",
                                 target + "\u00A0: le fichier existe déjà\u00A0; utilisez --force pour l'écraser"}.in(lang));
  }

  // Build the draft from the evidence alone: an empty charter, so an old one colours nothing.
  Charter no_charter;
  std::time_t now = audit_now();
  AuditContext ctx(src->snapshot(), no_charter, now);
  src->prepare(ctx);
  DraftOptions opt;
  opt.lang = lang;
  opt.service_name = src->service_name();
  if (network_url(src->remote_url())) opt.repository_url = src->remote_url();
  opt.source_label = src->reads_worktree() ? Text{"the files on disk", "les fichiers sur disque"}.in(lang)
                                             : Text{"commit ", "le commit "}.in(lang) + src->commit().substr(0, 12);
  CharterDraft draft;
  try {
    draft = draft_charter(ctx, opt);
    load_charter(draft.text, target.empty() ? "pacte.yml" : target, now);  // the draft must always validate
  } catch (const CharterInvalid& e) {
    for (const auto& p : e.problems()) err << p << "\n";
    return usage_error(err, "internal error: the draft does not validate; please report it (nothing was written)");
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  try {
    write_output(to_stdout ? "-" : target, draft.text, out);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }

  std::ostream& msg = to_stdout ? err : out;
  if (!to_stdout)
    msg << Text{"Wrote ", "Écrit\u00A0: "}.in(lang) << target << "\n";
  msg << Text{"From the evidence: ", "D'après le dépôt\u00A0: "}.in(lang) << draft.inferred.size() << Text{" values; to declare: ", " valeurs\u00A0; à déclarer\u00A0: "}.in(lang)
      << draft.todo.size() << Text{" (commented-out lines marked TODO); placeholders to replace: ", " (lignes commentées TODO)\u00A0; valeurs d'attente à remplacer\u00A0: "}.in(lang)
      << draft.placeholders.size();
  if (!draft.placeholders.empty()) {
    msg << " (";
    for (std::size_t i = 0; i < draft.placeholders.size(); ++i) msg << (i ? ", " : "") << draft.placeholders[i];
    msg << ")";
  }
  msg << ".\n";
  if (cmd.no_audit) return 0;

  std::string charter_file = target;
  if (to_stdout) {  // the audit reads the draft from a temporary file
    charter_file = (fs::temp_directory_path() / ("pacte-init-" + std::to_string(::getpid()) + ".yml")).string();
    try {
      write_output(charter_file, draft.text, out);
    } catch (const std::exception& e) {
      msg << "pacte: " << e.what() << "\n";
      return 0;
    }
  }
  print_suggestions(cmd, *src, charter_file, to_stdout ? Text{"the draft", "le brouillon"}.in(lang) : charter_file, lang, msg);
  if (to_stdout) std::remove(charter_file.c_str());
  return 0;
}

}  // namespace pacte::cli
