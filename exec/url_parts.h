// URLs split as java.net.URI splits them, for Trino's url_extract_*
// functions (io.trino.operator.scalar.UrlFunctions), which give NULL for a
// string that is not a valid URI.
//
// Thread-safety: plain functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ctq {

struct UrlParts {
  std::string_view scheme;  // "https"; empty for a relative reference
  std::optional<std::string_view> host;
  std::optional<int64_t> port;
  std::string_view path;
  std::optional<std::string_view> query;     // raw, after '?'
  std::optional<std::string_view> fragment;  // raw, after '#'
};

// nullopt if `url` is not a URI (a space, a control character, a bad
// percent escape, a port that is not a number).
std::optional<UrlParts> ParseUrl(std::string_view url);

// The raw value of the first `name=value` pair of `query` named `name`
// ("" for a bare `name`); nullopt if none.
std::optional<std::string_view> QueryParameter(std::string_view query, std::string_view name);

// application/x-www-form-urlencoded, as Java's URLEncoder/URLDecoder:
// letters, digits and ".-*_" stay, a space is '+', every other byte %XX.
std::string UrlEncode(std::string_view text);
// nullopt for a malformed escape.
std::optional<std::string> UrlDecode(std::string_view text);

}  // namespace ctq
