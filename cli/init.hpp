// pacte init: write a first charter (pacte.yml) from what the repository shows, then say
// which three changes would raise the audit score most.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace pacte::cli {

void add_init_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);

/// `pacte scaffold statement|security|contributing`: a template file filled from the charter
/// (cli/scaffold.cpp).
void add_scaffold_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);

/// Hidden commands `pacte completion bash|zsh|fish` and `pacte man`: completion scripts and a
/// roff manual page generated from `app`'s subcommands and options (cli/completion.cpp).
void add_completion_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);

/// Options of `pacte init`.
struct InitCommand {
  std::string path = ".";
  bool force = false;
  std::string output;     // FILE, "-" (print), or empty: pacte.yml at the working tree root
  std::string lang = "en";
  bool worktree = false;  // draft from the files on disk rather than HEAD's tree
  bool no_audit = false;  // write the draft only
  bool update = false;    // --update: add to the existing charter what the code now shows
  bool dry_run = false;   // --dry-run (with --update): print a diff, write nothing
  std::size_t suggestions = 3;
};

/// Runs `pacte init`. Exit 0 when the draft was written (even if the follow-up audit could not
/// run), 2 when nothing was written: an existing charter without --force, a bare repository
/// without --output, a path that is not a folder.
int run_init(const InitCommand& cmd, std::ostream& out, std::ostream& err);

}  // namespace pacte::cli
