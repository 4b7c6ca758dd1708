// Reading what pacte is given (lists, charters, summaries, reports) with a size cap checked
// while reading, so that /dev/zero, an endless pipe or a huge file never fills the memory.
#pragma once
#include <cstdint>
#include <string>

namespace pacte {

/// How read_file_capped opens a file.
enum class LinkPolicy {
  follow,     // a symbolic link is followed (a path the operator typed)
  no_follow,  // a symbolic link is refused (a name read from an input: it must stay in its folder)
};

/// The whole content of the file at `path`, at most `max_bytes` bytes. `what` names the file
/// in messages ("the LIST file", "the charter"). Refuses a folder, a device or a socket (only a
/// regular file or a named pipe is read), and, with LinkPolicy::no_follow, a symbolic link.
/// Stops reading as soon as the content passes the cap. Throws InputError naming the file, and
/// the cap when it is passed.
std::string read_file_capped(const std::string& path, std::uint64_t max_bytes, const std::string& what,
                             LinkPolicy links = LinkPolicy::follow);

/// "16 MiB", "512 KiB", "100 bytes": a cap as messages show it.
std::string size_in_words(std::uint64_t bytes);

}  // namespace pacte
