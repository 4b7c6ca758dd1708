// Internal to the a11y module: path and text helpers shared by the template, statement and
// language detectors.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace pacte::a11y {

/// The '/'-separated segments of a path.
std::vector<std::string_view> path_segments(std::string_view path);

/// True for third-party or generated folders (node_modules, vendor, dist, build, ...).
bool in_vendored_folder(std::string_view path);

/// True for tests, fixtures, mocks and stories.
bool is_test_path(std::string_view path);

/// True for samples shipped for others to copy (examples/, samples/): a statement or a catalog
/// there is a model, not the project's own.
bool is_example_path(std::string_view path);

/// Lower-cases ASCII, folds Latin accents to their base letter (precomposed or combining),
/// maps typographic apostrophes to ', non-breaking spaces to ' ' and dashes to '-'. Other
/// characters are kept as UTF-8. One output line per input line.
std::string fold_text(std::string_view utf8);

}  // namespace pacte::a11y
