// Text-level edits of an existing charter (pacte init --update). A YAML round trip would lose
// the team's comments, key order, quoting and blank lines, so these functions insert lines
// (or change the one line that holds a flow list) where the parsed document says a value is,
// and leave every other byte as it was. Each edit is checked by parsing the result: an edit
// whose document is not exactly the old one plus what was added is refused.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pacte {

/// One item to add to a sequence: its YAML text (a scalar or a flow mapping, one line) and a
/// note that says where it came from, written as a `#` comment beside it.
struct ListItemText {
  std::string yaml;
  std::string comment;
};

/// `text` (a charter) with `items` appended to the sequence at `section.key`:
/// - a block sequence gets one `- item  # comment` line per item after its last item, at its
///   items' indentation;
/// - an empty flow sequence on one line (`key: []  # note`) becomes a block sequence (the
///   line keeps its comment);
/// - a flow sequence with items gets `, item` before its closing `]`, and the notes go on
///   comment lines just above the key;
/// - a key with no value (`key:` alone, or with commented-out lines under it) gets the items
///   under it; a missing key is added at the end of its section, a missing section at the end
///   of the file.
/// Returns nullopt (and changes nothing) when the shape is one it does not edit (a scalar, a
/// flow mapping section, anchors) or when the edited text would not read back as the old
/// document with the items appended. Throws InputError when `text` does not parse.
std::optional<std::string> append_list_items(std::string_view text, std::string_view section, std::string_view key,
                                             const std::vector<ListItemText>& items);

/// `text` with `comments` (one `# ...` line each) inserted after the value of `section.key`
/// (after its last line), at the indentation of the key's items (or under the key), or at the
/// end of `section` when the key is absent. Returns nullopt when the section is missing or
/// not a block mapping, or when the result would not read back as the same document.
std::optional<std::string> insert_comments_after(std::string_view text, std::string_view section, std::string_view key,
                                                 const std::vector<std::string>& comments);

/// A unified diff (`--- from`, `+++ to`, `@@ -a,b +c,d @@` hunks with three lines of context)
/// of two texts, line by line; empty when they are equal.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view from_label,
                         std::string_view to_label);

}  // namespace pacte
