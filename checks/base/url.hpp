// Remote repository URLs as pacte shows them: never with the credentials they may carry.
#pragma once
#include <string>
#include <string_view>

namespace pacte {

/// `text` with the user information of every URL in it hidden: `https://user:token@host/x`
/// and `https://token@host/x` become `https://***@host/x`. Used on every URL (and every
/// message that may quote one, libgit2's included) before it reaches a report, a summary, a
/// log line or a file on disk.
std::string redact_credentials(std::string_view text);

}  // namespace pacte
