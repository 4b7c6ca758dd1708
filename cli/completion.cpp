// pacte completion bash|zsh|fish and pacte man: shell completions and a roff manual page
// generated from the CLI11 definition of every subcommand, so they never drift from it. Both
// commands are hidden from --help; the build runs them to produce the installed files.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <sstream>

#include "cli/init.hpp"

namespace pacte::cli {

namespace {

/// One option or positional argument, as completions and the manual need it.
struct OptionModel {
  std::vector<std::string> longs, shorts;  // "--output", "-o" (with dashes)
  std::string positional;                  // positional name ("path"), empty for options
  std::string description;
  std::vector<std::string> choices;        // from CLI::IsMember, or the rule ids for "rule"
  bool takes_value = false;
  bool numeric = false;                    // INT, UINT, FLOAT: nothing to complete
  bool repeatable = false;
  std::string value_label;                 // FILE, FORMAT, ... for the manual
};

struct CommandModel {
  std::string name, description, footer;
  std::vector<OptionModel> options;  // options first, then positionals in order
};

struct AppModel {
  std::string name, description, footer;
  std::vector<OptionModel> options;
  std::vector<CommandModel> commands;  // visible subcommands, in registration order
};

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  try {
    for (const auto& r : load_rules({}, false).rules) ids.push_back(r.id);
  } catch (const std::exception&) {
  }
  return ids;
}

OptionModel model_option(const CLI::Option* opt) {
  OptionModel m;
  for (const auto& l : opt->get_lnames()) m.longs.push_back("--" + l);
  for (const auto& s : opt->get_snames()) m.shorts.push_back("-" + s);
  if (opt->get_positional() && m.longs.empty() && m.shorts.empty()) m.positional = opt->get_name(true);
  m.description = opt->get_description();
  m.takes_value = opt->get_expected_max() != 0 && opt->get_type_size_max() > 0;  // flags expect 0 values
  m.repeatable = opt->get_items_expected_max() > 1;
  std::string type = opt->get_type_name();
  auto brace = type.find('{');
  auto close = type.find('}', brace == std::string::npos ? 0 : brace);
  if (brace != std::string::npos && close != std::string::npos) {
    std::string inner = type.substr(brace + 1, close - brace - 1), item;
    std::istringstream in(inner);
    while (std::getline(in, item, ','))
      if (!item.empty()) m.choices.push_back(item);
  }
  m.numeric = type.rfind("INT", 0) == 0 || type.rfind("UINT", 0) == 0 || type.rfind("FLOAT", 0) == 0 || type.rfind("NUMBER", 0) == 0;
  // --lang is "en or fr" everywhere, even where the option carries no IsMember check.
  if (m.choices.empty() && std::find(m.longs.begin(), m.longs.end(), "--lang") != m.longs.end()) m.choices = {"en", "fr"};
  if (m.choices.empty() && m.positional == "rule") m.choices = rule_ids();
  std::string base = !m.positional.empty() ? m.positional : !m.longs.empty() ? m.longs.front().substr(2) : "value";
  m.value_label = m.choices.empty() || m.choices.size() > 8 ? upper(base) : "";
  if (!m.value_label.empty() && (base == "output" || base == "charter" || base == "badge" || base == "baseline")) m.value_label = "FILE";
  return m;
}

std::vector<OptionModel> model_options(const CLI::App* app) {
  std::vector<OptionModel> opts, positionals;
  for (const CLI::Option* o : app->get_options({})) (o->get_positional() && o->get_lnames().empty() && o->get_snames().empty() ? positionals : opts).push_back(model_option(o));
  opts.insert(opts.end(), positionals.begin(), positionals.end());
  return opts;
}

AppModel model_app(CLI::App& app) {
  AppModel m;
  m.name = app.get_name().empty() ? "pacte" : app.get_name();
  m.description = app.get_description();
  m.footer = app.get_footer();
  m.options = model_options(&app);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;  // hidden (completion, man)
    CommandModel c{sub->get_name(), sub->get_description(), sub->get_footer(), model_options(sub)};
    m.commands.push_back(std::move(c));
  }
  return m;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

std::vector<std::string> names_of(const OptionModel& o) {
  std::vector<std::string> n = o.longs;
  n.insert(n.end(), o.shorts.begin(), o.shorts.end());
  return n;
}

// ---- bash -------------------------------------------------------------------------------

std::string bash_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    for (char c : w)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '+') out += c;
  }
  return out;
}

void bash_command_body(std::ostream& os, const std::vector<OptionModel>& options, const std::string& indent) {
  std::vector<std::string> flags;
  os << indent << "case \"$prev\" in\n";
  for (const auto& o : options) {
    if (!o.positional.empty()) continue;
    for (const auto& n : names_of(o)) flags.push_back(n);
    if (!o.takes_value) continue;
    os << indent << "  " << join(names_of(o), "|") << ")\n";
    if (!o.choices.empty())
      os << indent << "    COMPREPLY=($(compgen -W \"" << bash_words(o.choices) << "\" -- \"$cur\")); return ;;\n";
    else if (o.numeric)
      os << indent << "    return ;;\n";
    else
      os << indent << "    compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
  }
  os << indent << "esac\n";
  os << indent << "if [[ \"$cur\" == -* ]]; then\n";
  os << indent << "  COMPREPLY=($(compgen -W \"" << bash_words(flags) << "\" -- \"$cur\"))\n";
  const OptionModel* positional = nullptr;
  for (const auto& o : options)
    if (!o.positional.empty()) {
      positional = &o;
      break;
    }
  if (positional && !positional->choices.empty()) {
    os << indent << "else\n";
    os << indent << "  COMPREPLY=($(compgen -W \"" << bash_words(positional->choices) << "\" -- \"$cur\"))\n";
  } else if (positional) {
    os << indent << "else\n";
    os << indent << "  compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))\n";
  }
  os << indent << "fi\n";
}

std::string bash_script(const AppModel& m) {
  std::ostringstream os;
  std::vector<std::string> top;
  for (const auto& c : m.commands) top.push_back(c.name);
  for (const auto& o : m.options)
    for (const auto& n : names_of(o)) top.push_back(n);
  os << "# bash completion for " << m.name << "; generated by '" << m.name << " completion bash' from its command definitions.\n"
     << "_" << m.name << "() {\n"
     << "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" cmd=\"\" i\n"
     << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
     << "    case \"${COMP_WORDS[i]}\" in -*) ;; *) cmd=\"${COMP_WORDS[i]}\"; break ;; esac\n"
     << "  done\n"
     << "  COMPREPLY=()\n"
     << "  case \"$cmd\" in\n"
     << "    \"\")\n"
     << "      COMPREPLY=($(compgen -W \"" << bash_words(top) << "\" -- \"$cur\")) ;;\n";
  for (const auto& c : m.commands) {
    os << "    " << bash_words({c.name}) << ")\n";
    bash_command_body(os, c.options, "      ");
    os << "      ;;\n";
  }
  os << "  esac\n"
     << "}\n"
     << "complete -F _" << m.name << " " << m.name << "\n";
  return os.str();
}

// ---- zsh --------------------------------------------------------------------------------

// Text inside a single-quoted zsh word, inside an _arguments [description] or (choices).
std::string zsh_text(const std::string& s) {
  std::string out;
  for (char c : first_line(s)) {
    if (c == '\'') out += "'\\''";
    else if (c == '[' || c == ']' || c == ':' || c == '\\' || c == '(' || c == ')') out += std::string("\\") + c;
    else out += c;
  }
  return out;
}

std::string zsh_action(const OptionModel& o) {
  if (!o.choices.empty()) return "(" + zsh_text(join(o.choices, " ")) + ")";
  if (o.numeric) return " ";
  return "_files";
}

std::string zsh_option_spec(const OptionModel& o) {
  std::string label = o.value_label.empty() ? "value" : o.value_label;
  std::string tail = "[" + zsh_text(o.description) + "]" + (o.takes_value ? ":" + zsh_text(label) + ":" + zsh_action(o) : "");
  auto names = names_of(o);
  std::string rep = o.repeatable ? "*" : "";
  if (names.size() == 1) return "'" + rep + names.front() + tail + "'";
  std::string excl = o.repeatable ? "" : "'(" + join(names, " ") + ")'";
  return excl + rep + "{" + join(names, ",") + "}'" + tail + "'";
}

std::string zsh_script(const AppModel& m) {
  std::ostringstream os;
  os << "#compdef " << m.name << "\n"
     << "# zsh completion for " << m.name << "; generated by '" << m.name << " completion zsh' from its command definitions.\n"
     << "_" << m.name << "() {\n"
     << "  local curcontext=\"$curcontext\" state line\n"
     << "  local -a commands\n"
     << "  commands=(\n";
  for (const auto& c : m.commands) os << "    '" << zsh_text(c.name) << ":" << zsh_text(c.description) << "'\n";
  os << "  )\n"
     << "  _arguments -C \\\n";
  for (const auto& o : m.options) os << "    " << zsh_option_spec(o) << " \\\n";
  os << "    '1: :->command' \\\n"
     << "    '*:: :->args'\n"
     << "  case $state in\n"
     << "    command) _describe -t commands '" << m.name << " command' commands ;;\n"
     << "    args)\n"
     << "      case $words[1] in\n";
  for (const auto& c : m.commands) {
    os << "        " << c.name << ")\n          _arguments";
    int index = 0;
    for (const auto& o : c.options) {
      os << " \\\n            ";
      if (o.positional.empty()) os << zsh_option_spec(o);
      else os << "'" << (o.repeatable ? "*" : std::to_string(++index)) << ":" << zsh_text(o.positional) << ":" << zsh_action(o) << "'";
    }
    os << " ;;\n";
  }
  os << "      esac ;;\n"
     << "  esac\n"
     << "}\n"
     << "_" << m.name << " \"$@\"\n";
  return os.str();
}

// ---- fish -------------------------------------------------------------------------------

std::string fish_quote(const std::string& s) {
  std::string out = "'";
  for (char c : first_line(s)) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

void fish_option(std::ostream& os, const std::string& name, const std::string& condition, const OptionModel& o) {
  if (!o.positional.empty()) {
    os << "complete -c " << name << " -n " << fish_quote(condition);
    if (!o.choices.empty()) os << " -f -a " << fish_quote(join(o.choices, " "));
    else os << " -F";
    os << "\n";
    return;
  }
  os << "complete -c " << name << " -n " << fish_quote(condition);
  for (const auto& l : o.longs) os << " -l " << l.substr(2);
  for (const auto& s : o.shorts) os << " -s " << s.substr(1);
  if (o.takes_value) {
    os << " -r";
    if (!o.choices.empty()) os << " -f -a " << fish_quote(join(o.choices, " "));
    else if (o.numeric) os << " -f";
    else os << " -F";
  }
  os << " -d " << fish_quote(o.description) << "\n";
}

std::string fish_script(const AppModel& m) {
  std::ostringstream os;
  std::vector<std::string> names;
  for (const auto& c : m.commands) names.push_back(c.name);
  os << "# fish completion for " << m.name << "; generated by '" << m.name << " completion fish' from its command definitions.\n"
     << "complete -c " << m.name << " -f\n";
  for (const auto& o : m.options) fish_option(os, m.name, "__fish_use_subcommand", o);
  for (const auto& c : m.commands)
    os << "complete -c " << m.name << " -n __fish_use_subcommand -a " << c.name << " -d " << fish_quote(c.description) << "\n";
  for (const auto& c : m.commands)
    for (const auto& o : c.options) fish_option(os, m.name, "__fish_seen_subcommand_from " + c.name, o);
  return os.str();
}

// ---- man --------------------------------------------------------------------------------

// Text for roff: backslashes and dashes escaped, a leading dot or quote neutralised.
std::string roff(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  return out;
}

std::string roff_lines(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    std::string r = roff(line);
    if (!r.empty() && (r[0] == '.' || r[0] == '\'')) r = "\\&" + r;
    out += r + "\n";
  }
  return out;
}

std::string man_option_head(const OptionModel& o) {
  std::vector<std::string> names;
  for (const auto& n : names_of(o)) names.push_back("\\fB" + roff(n) + "\\fR");
  std::string head = join(names, ", ");
  if (o.takes_value) head += " \\fI" + (o.value_label.empty() ? roff(join(o.choices, "|")) : roff(o.value_label)) + "\\fR";
  return head;
}

void man_options(std::ostream& os, const std::vector<OptionModel>& options) {
  for (const auto& o : options) {
    os << ".TP\n";
    if (!o.positional.empty()) os << "\\fI" << roff(upper(o.positional)) << "\\fR\n";
    else os << man_option_head(o) << "\n";
    os << roff_lines(o.description);
    if (!o.choices.empty() && o.value_label.empty()) os << ".br\nOne of: " << roff(join(o.choices, ", ")) << ".\n";
  }
}

std::string synopsis_of(const CommandModel& c) {
  std::string s = "\\fBpacte " + roff(c.name) + "\\fR";
  for (const auto& o : c.options)
    if (!o.positional.empty()) s += " [\\fI" + roff(upper(o.positional)) + "\\fR]" + (o.repeatable ? "..." : "");
  return s + " [\\fIOPTIONS\\fR]";
}

std::string man_page(const AppModel& m) {
  std::ostringstream os;
  os << ".\\\" Generated by '" << m.name << " man' from the command definitions; do not edit.\n"
     << ".TH " << upper(m.name) << " 1 \"\" \"" << m.name << " " << pacte_version() << "\" \"User Commands\"\n"
     << ".SH NAME\n"
     << m.name << " \\- audit a digital public service against the Pacte service public citoyen\n"
     << ".SH SYNOPSIS\n";
  for (const auto& c : m.commands) os << synopsis_of(c) << "\n.br\n";
  os << ".SH DESCRIPTION\n" << roff_lines(m.description);
  os << ".SH GLOBAL OPTIONS\n";
  man_options(os, m.options);
  os << ".SH COMMANDS\n";
  for (const auto& c : m.commands) {
    os << ".SS \"" << m.name << " " << roff(c.name) << "\"\n" << roff_lines(c.description) << ".PP\n" << synopsis_of(c) << "\n";
    man_options(os, c.options);
    if (!c.footer.empty()) os << ".PP\n.nf\n" << roff_lines(c.footer) << ".fi\n";
  }
  os << ".SH EXAMPLES AND EXIT STATUS\n.nf\n" << roff_lines(m.footer) << ".fi\n"
     << ".SH FILES\n"
     << ".TP\n.I pacte.yml\nThe charter (also \\fI.pacte.yml\\fR or \\fI.github/pacte.yml\\fR); \\fBpacte init\\fR writes a draft.\n"
     << ".TP\n.I publiccode.yml\nRead and mapped onto the charter when there is no pacte charter.\n"
     << ".SH SEE ALSO\n\\fBgit\\fR(1)\n";
  return os.str();
}

}  // namespace

void add_completion_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto shell = std::make_shared<std::string>();
  auto* completion = app.add_subcommand("completion", "Print a shell completion script: bash, zsh or fish");
  completion->group("");  // hidden: the build installs its output
  completion->add_option("shell", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  completion->footer("Examples:\n  source <(pacte completion bash)\n  pacte completion zsh > ~/.zfunc/_pacte\n"
                     "  pacte completion fish > ~/.config/fish/completions/pacte.fish");
  subs.push_back({completion, [shell, &app, &out, &err] {
                    AppModel m = model_app(app);
                    if (*shell == "bash") out << bash_script(m);
                    else if (*shell == "zsh") out << zsh_script(m);
                    else if (*shell == "fish") out << fish_script(m);
                    else return usage_error(err, "completion: unknown shell '" + *shell + "'; use bash, zsh or fish");
                    return 0;
                  }});
  auto* man = app.add_subcommand("man", "Print the manual page (roff)");
  man->group("");
  man->footer("Example:\n  pacte man > pacte.1 && man -l pacte.1");
  subs.push_back({man, [&app, &out] {
                    out << man_page(model_app(app));
                    return 0;
                  }});
}

}  // namespace pacte::cli
