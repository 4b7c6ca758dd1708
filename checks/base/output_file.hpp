// Writing what pacte produces: reports, badges, summaries, charter drafts.
#pragma once
#include <iosfwd>
#include <string>

namespace pacte {

/// Writes `data` to `path` atomically (a temporary file renamed into place), or to `out`
/// when `path` is empty or "-". Throws std::runtime_error naming the file on failure.
void write_output(const std::string& path, const std::string& data, std::ostream& out);

}  // namespace pacte
