// The languages a service is available in, from its translation catalogs, as BCP 47 tags.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/base/snapshot.hpp"

namespace pacte {

/// One language and an example catalog that shows it.
struct LanguageEvidence {
  std::string tag;     // BCP 47, normalised: "fr", "en", "pt-BR", "zh-Hans", "sr-Latn"
  std::string path;    // one example catalog (the first in path order)
  std::string source;  // "gettext", "django", "i18next", "vue-i18n", "react-intl", "json",
                       // "yaml", "rails", "symfony", "laravel", "xliff", "fluent", "android",
                       // "ios", "flutter", "java"
};

/// Detects languages from translation catalogs: gettext `.po`/`.mo` (the `Language:` header,
/// else the file or folder name; Django `locale/fr/LC_MESSAGES/`), Android
/// `res/values-fr/strings.xml`, iOS `fr.lproj/*.strings`, Flutter `.arb` (`@@locale`, else
/// `app_fr.arb`), Java `messages_fr.properties` (and `messages_fr_FR.properties`), Rails `config/locales/*.fr.yml`, Symfony
/// `translations/messages.fr.yaml|xlf`, and catalogs (`fr.json`, `fr/common.json`,
/// `messages.fr.xlf`, `fr.yml`, `fr.js`, `fr.php`, `fr.ftl`, ...) inside a folder whose name says
/// i18n: locales, locale, i18n, lang, langs, languages, translations, translation, messages,
/// l10n, intl. A lone `en.json` elsewhere is not evidence. Vendored folders and tests are
/// skipped. One entry per tag, sorted by tag.
///
/// Default catalogs are languages too: Android `res/values/strings.xml` and a Java/Grails
/// bundle without a locale suffix (`messages.properties`, when it is in an i18n folder, is
/// named `messages*`, or has suffixed siblings such as `messages_fr.properties`). Their
/// language is detected from their text (`guess_language`), else it is `default_language`
/// (the service's main language declared in the charter), else they are not counted.
std::vector<LanguageEvidence> detect_languages(const Snapshot& snapshot,
                                               std::string_view default_language = {});

/// The main language of a service that has no translation catalog, and where it was read.
struct MainLanguageGuess {
  std::string tag;     // BCP 47, normalised ("fr", "en-GB")
  std::string path;    // the first page whose `<html lang>` says it, or the README read
  int line = 0;        // 1-based line of that `<html>` tag; 0 for a README
  std::string source;  // "html-lang" or "readme"
  std::size_t pages = 0;  // how many pages declare this tag (html-lang only)
};

/// The main language from the pages and the README, for a repository without catalogs:
/// the tag most pages declare in a literal `<html lang="...">` (HTML, server templates,
/// JSX/TSX layouts; a `lang` computed by an expression is not evidence; pages left out by
/// `page_exclusion`, vendored folders and tests are skipped; ties go to the first page in path
/// order), else the language of the first README at the root by `guess_language`. nullopt when
/// neither tells.
std::optional<MainLanguageGuess> guess_main_language(const Snapshot& snapshot);

/// The language of a text by a stop-word test: "fr" or "en" when one of them has at least 5
/// stop words and twice as many as the other; nullopt otherwise.
std::optional<std::string> guess_language(std::string_view text);

/// Normalises a locale name to BCP 47: `fr_FR` -> `fr-FR`, `pt_BR` -> `pt-BR`, `zh-hans` ->
/// `zh-Hans`, `fr_FR.UTF-8` -> `fr-FR`, `sr@latin` -> `sr-Latn`, Android `values-pt-rBR` ->
/// `pt-BR` and `values-b+sr+Latn` -> `sr-Latn`, iOS `pt-BR.lproj` -> `pt-BR`, legacy `iw` ->
/// `he`. The language subtag must be an ISO 639-1 code (or one of a few ISO 639-2/3 codes
/// used by catalogs: ast, ckb, fil, gsw, kab, yue, ...): `common`, `index`, `app` are nullopt.
std::optional<std::string> normalize_bcp47(std::string_view raw);

/// Whether a declared tag is shown by a detected one: equal, or one is a prefix of the other
/// at a subtag boundary (declared `fr` matches detected `fr-FR`; declared `pt-BR` matches a
/// generic `pt` catalog; `pt-BR` does not match `pt-PT`). Case-insensitive.
bool language_matches(std::string_view declared, std::string_view detected);

}  // namespace pacte
