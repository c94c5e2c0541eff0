// Text from the logs, made safe to show on a terminal.
//
// A CloudTrail value is written by whoever made the API call: a userAgent of
// "\x1b[2K\x1b[1A...\r" would, printed raw, erase and rewrite the lines above
// it, and a file name holding "\n" could forge a line of ctq's own output.
// Everything ctq shows a person (the table format, paths in warnings and
// errors) goes through EscapeForTerminal; csv and json keep the exact bytes,
// escaped only as those formats require, because programs read them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace ctq {

// Which layout characters pass through as themselves.
enum class TerminalLayout {
  kOneLine,       // none: a path or a name stays on one line
  kLines,         // '\n': a table cell's lines (the table shows each on a line)
  kLinesAndTabs,  // '\n' and '\t': a message whose caret line aligns with tabs
};

// Appends `text` to `out` with every character that a terminal acts on
// rather than shows replaced by a visible escape, in the style of psql:
//  - '\n', '\r' and '\t' (unless `layout` keeps them) as \n, \r and \t;
//  - the other C0 controls (0x00-0x1F) and DEL (0x7F) as \xHH, lower-case
//    hex, e.g. ESC as \x1b;
//  - a byte that is not part of valid UTF-8 as \xHH;
//  - the C1 controls U+0080-U+009F (0xC2 0x80-0x9F in UTF-8; some terminals
//    take U+009B as ESC [) and the bidirectional formatting characters
//    (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, which reorder what is
//    shown around them) as \uHHHH.
// Everything else passes through, a backslash included: the table is for
// reading, and the text `\x1b` in a value looks like an escaped ESC there.
// Programs that need to tell them apart use --format csv or json.
void AppendEscapedForTerminal(std::string_view text, TerminalLayout layout, std::string* out);

// The same, returned.
std::string EscapeForTerminal(std::string_view text,
                              TerminalLayout layout = TerminalLayout::kOneLine);

// `status`'s message, escaped with kLinesAndTabs, for "Error: MESSAGE": a
// message may quote a value or a path from the logs.
std::string EscapedMessage(const absl::Status& status);

// The width of `text` on a terminal, taken as its number of UTF-8 code
// points (every byte but a continuation byte 10xxxxxx). East Asian wide
// characters count as one, close enough for CloudTrail's mostly ASCII values.
// REQUIRES: `text` is EscapeForTerminal's output, so that it holds no
// controls and no invalid bytes.
size_t DisplayWidth(std::string_view text);

// The length of the valid UTF-8 sequence that starts at text[i] (a byte
// >= 0x80), or 0 when the bytes there are not valid UTF-8: a stray
// continuation byte, an overlong form, a surrogate, a code point past
// U+10FFFF, or a truncated sequence.
// REQUIRES: i < text.size().
size_t Utf8SequenceLength(std::string_view text, size_t i);

}  // namespace ctq
