// Writing what pacte produces: reports, badges, summaries, charter drafts.
#pragma once
#include <iosfwd>
#include <string>

namespace pacte {

/// Writes `data` to `path`, or to `out` when `path` is empty or "-".
///
/// A new file, or a regular file already there, is written atomically: the data goes to a
/// temporary file created exclusively (never through a symbolic link, with an unpredictable
/// name) in the same folder, then renamed into place, so a reader never sees half a report
/// and a failure leaves the old file as it was. Anything else at `path` (a device such as
/// /dev/null, a pipe, a symbolic link such as /dev/stdout) is written into, never replaced.
/// Throws std::runtime_error naming the file on failure.
void write_output(const std::string& path, const std::string& data, std::ostream& out);

/// Whether `a` and `b` name the same file, so that writing one would destroy the other: the same
/// regular file when both exist (two names of one device or pipe are not), the same normalised
/// path when neither does. "-" and "" (standard output) are never the same file.
bool same_file(const std::string& a, const std::string& b);

}  // namespace pacte
