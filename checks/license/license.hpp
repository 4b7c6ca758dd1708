// Licence detection: which licence a file's text really is, the SPDX licence table, SPDX
// expressions, and whether a declared expression agrees with a detected licence.
//
// Detection follows the SPDX matching guidelines: both the reference texts and the audited
// file are normalised (case, whitespace, punctuation, quotes and dashes, list numbering,
// copyright lines, http/https, British spellings, the copyright holder of BSD/MIT texts), cut
// into word trigrams, hashed, and aligned. A file is identified only when the licence body is
// all there and nothing of substance was added or removed inside it; otherwise `spdx` is empty
// and `closest` names the licence it resembles. See checks/license/README.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "checks/base/snapshot.hpp"

namespace pacte {

/// What a licence text was identified as.
///
/// GNU licences (GPL, LGPL, AGPL, GFDL) are reported as `<id>-only` (`GPL-3.0-only`), or as
/// `<id>-or-later` when the text outside the licence itself (a project note above or below
/// it) says "any later version" or "or later": the licence text alone cannot tell.
/// One part of a licence file that holds several (a project's licence, then third-party
/// texts): what it is and where it is.
struct LicenseSection {
  /// Same meaning as in LicenseMatch.
  std::optional<std::string> spdx;
  std::string closest;
  double confidence = 0;
  /// "text" (a whole licence text) or "notice" (a licence notice: "Licensed under the Apache
  /// License, Version 2.0...", a GNU "This program is free software..." paragraph).
  std::string kind;
  /// The SPDX exception added to the licence ("LLVM-exception"), or empty.
  std::string exception;
  /// Lines of the file the section spans, 1-based and inclusive.
  int first_line = 0, last_line = 0;
  /// True for a section introduced as a third-party component's licence (after a heading such
  /// as "Third-party components"), false for the project's own licence.
  bool third_party = false;
  /// What differs (same as LicenseMatch::difference), or empty.
  std::string difference;
};

struct LicenseMatch {
  /// The identified SPDX id, or nullopt when the text is not close enough to any known licence
  /// or differs from the closest one in substance (an added clause, a removed condition).
  std::optional<std::string> spdx;
  /// The best candidate SPDX id, set even when `spdx` is nullopt; empty if nothing is close.
  std::string closest;
  /// Similarity of the licence body to `closest`, 0..1 (Dice coefficient over word trigrams).
  double confidence = 0;
  /// What differs or what was tolerated, in English ("text differs from MIT: 1 added passage
  /// (8 words: "The Software shall not be used for evil")"). Empty for an exact match.
  std::string note;
  /// What the text is: "text" (a whole licence text), "notice" (a licence notice such as the
  /// Apache-2.0 or GNU "how to apply" paragraph), "identifier" (an SPDX-License-Identifier
  /// line), or empty when nothing was recognised.
  std::string kind;
  /// The SPDX exception that comes with the licence ("LLVM-exception", "Classpath-exception-2.0"),
  /// from its text or an identifier line; empty when there is none.
  std::string exception;
  /// The words of the file that decided `-only` or `-or-later` for a GNU licence, quoted ("either
  /// version 2 of the License, or (at your option) any later version"); empty when the file says
  /// nothing about later versions (the licence is then reported `-only`).
  std::string grant;
  /// When the text is not identified: the first passage that differs from `closest`, quoted
  /// from the file (an added clause) or described (a removed passage). Empty otherwise.
  std::string difference;
  /// When the file holds more than one licence (or a notice and third-party texts): every
  /// section in file order. `spdx` is then the project's own licence (the first section that is
  /// not third-party). Empty for a file holding one licence.
  std::vector<LicenseSection> sections;
};

/// A section and a match as the result cache keeps them (CBOR through nlohmann; kinds
/// "licence" and "licence-by-content" of BlobCache).
void to_json(nlohmann::json& j, const LicenseSection& section);
void from_json(const nlohmann::json& j, LicenseSection& section);
void to_json(nlohmann::json& j, const LicenseMatch& match);
void from_json(const nlohmann::json& j, LicenseMatch& match);

/// Identifies the licence in `text` (a whole licence file). A note above the licence text, an
/// omitted title and an omitted GNU/Apache "How to apply" appendix are tolerated; text added
/// after a licence that has no appendix is not, unless it is itself a licence text.
LicenseMatch identify_license_text(std::string_view text);

/// A licence file of the snapshot and what its text was identified as.
struct LicenseFile {
  std::string path;
  LicenseMatch match;
};

/// Licence files at the root and one folder down: `LICENSE*`, `LICENCE*`, `COPYING*`,
/// `UNLICENSE*` (any case, not source or data files such as `license.js`), and the REUSE
/// folder `LICENSES/*.txt`. Root files come first, then by path. UTF-16 files (with a
/// byte-order mark) are decoded. A Git LFS pointer is listed with `kind` "lfs_pointer" and no
/// licence (its text is not in the repository). Files that cannot be read or are binary are
/// skipped (the snapshot records unreadable ones).
std::vector<LicenseFile> find_license_files(const Snapshot& snap);

/// Facts about one SPDX licence id.
struct LicenseInfo {
  std::string id, name;
  bool osi = false;          // OSI approved
  bool fsf = false;          // on the FSF free licence list
  bool deprecated = false;   // deprecated SPDX id (GPL-3.0, GPL-2.0+, ...)
  bool french_admin = false; // on the CRPA D323-2-1 list of licences for administrations
  std::string kind;          // "permissive", "reciprocal", "data", "public-domain", "other"
  bool open_data = false;    // an open data licence (etalab-2.0, ODbL-1.0, CC-BY-4.0, ...)
};

/// Facts about `spdx_id` (matched case-insensitively), for every id of the SPDX licence list;
/// nullptr for unknown ids and LicenseRef-*.
const LicenseInfo* license_info(std::string_view spdx_id);

/// Every licence of the table, in SPDX list order (case-insensitive by id).
const std::vector<LicenseInfo>& all_license_infos();

/// Whether `id` is an SPDX licence exception id (for WITH), matched case-insensitively.
bool is_license_exception(std::string_view id);

/// A parsed SPDX license expression.
struct SpdxExpression {
  /// The leaf licence ids in order of appearance, in the SPDX list's spelling, with a `+`
  /// suffix kept and without exceptions ("GPL-2.0+", "LicenseRef-foo").
  std::vector<std::string> ids;
  /// The expression rewritten with canonical ids, upper-case operators, single spaces and
  /// only the parentheses precedence needs ("MIT OR (Apache-2.0 AND BSD-3-Clause)").
  std::string normalized;
};

/// Parses an SPDX license expression (SPDX specification, annex "SPDX license expressions"):
/// licence ids (case-insensitive), `+`, `LicenseRef-`/`DocumentRef-...:LicenseRef-`, `WITH`
/// an exception (or AdditionRef-), `AND`, `OR` (upper case; WITH binds tighter than AND, AND
/// tighter than OR) and parentheses. On failure returns nullopt and, when `error` is given,
/// sets it to what is wrong and at which character (1-based), e.g. "unknown licence id
/// 'GPL-3' at character 1 (did you mean GPL-3.0-only or GPL-3.0-or-later?)".
std::optional<SpdxExpression> parse_spdx_expression(std::string_view expr,
                                                    std::string* error = nullptr);

/// The licence family and version of an id: `-only`, `-or-later` and `+` removed, and the
/// deprecated GNU `-with-...-exception` ids reduced to their licence ("GPL-3.0-or-later" ->
/// "GPL-3.0"). Case is kept as given.
std::string license_family(std::string_view spdx_id);

/// Whether a detected licence text agrees with a declared expression: some leaf of the
/// expression has the same family and version as `detected_spdx` ("GPL-3.0-or-later" and a
/// GPL-3.0-only text agree; "AGPL-3.0-only" and GPL-3.0 do not; "MIT OR Apache-2.0" and MIT
/// agree). An empty `detected_spdx` never agrees.
bool license_agrees(const SpdxExpression& declared, std::string_view detected_spdx);

/// Loads the licence texts of an SPDX `license-list-data` folder (its `text/*.txt`, or else
/// its `json/details/*.json`) and adds them to the texts `identify_license_text` knows. Texts
/// already known are skipped. Throws std::runtime_error naming the folder or file when the
/// folder has neither, or a file cannot be read or parsed.
void load_license_data_dir(const std::string& dir);

/// The SPDX ids whose identification is tested under every variant the SPDX matching
/// guidelines allow (copyright filled in, reflowed, Markdown, rewrapped, a note above): one per
/// text variant, GNU ids without suffix. Texts loaded with load_license_data_dir count too.
std::vector<std::string> identifiable_licenses();

/// Every SPDX id whose text is known (every licence of the SPDX list with a text, GNU ids
/// without suffix), each once.
std::vector<std::string> known_licenses();

}  // namespace pacte
