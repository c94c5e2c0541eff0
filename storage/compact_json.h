// Re-serialising JSON values as compact text, the form SQL-DIALECT.md gives
// object and array values ("From JSON to a value"): keys in document order,
// no whitespace, numbers exactly as written, and strings with only the escapes
// JSON requires. Walking a value this way also validates all of it, which
// simdjson's On Demand API would otherwise skip over unchecked.
#pragma once

#include <string>
#include <string_view>

#include "simdjson.h"

namespace ctq {

// Values nested deeper than this are rejected (DEPTH_ERROR): the walk is
// recursive, and no CloudTrail event comes close (the deepest real ones
// nest about 10 levels).
inline constexpr int kMaxJsonDepth = 512;

// Appends `value` to `out` as compact JSON. `depth` is the nesting depth of
// `value` (the event object is depth 1). On error returns simdjson's code
// (NUMBER_ERROR for a malformed number, DEPTH_ERROR past kMaxJsonDepth) and
// `out` holds a partial value. Consumes `value`.
simdjson::error_code AppendCompactJson(simdjson::ondemand::value& value, int depth,
                                       std::string* out);

// Appends `text` (unescaped UTF-8) as a JSON string literal, quotes included:
// `"` and `\` are escaped, control characters below 0x20 become \b \f \n \r
// \t or \u00XX, and every other byte is copied as is.
void AppendJsonString(std::string_view text, std::string* out);

// Returns the number token `raw` (simdjson's raw_json_token(), which may
// carry trailing whitespace) without that whitespace, or an empty view if it
// is not a JSON number (`01`, `-`, `1.`, `.5` and `1e` are not).
std::string_view CheckedNumberToken(std::string_view raw);

}  // namespace ctq
