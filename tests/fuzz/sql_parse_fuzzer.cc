// libFuzzer target for the parser: any bytes must give a tree or an error that
// points inside the input, never a crash, a hang or a leak. Also runs the
// statement splitter and the AST dump over the same input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string_view>

#include "ctq/internal/sql_error.h"
#include "parser/parser.h"
#include "parser/statement_splitter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Longer inputs find nothing new and only slow the search down (the cap
  // follows re2/fuzzing/re2_fuzzer.cc); deep nesting fits well within it.
  constexpr size_t kMaxInput = 4096;
  if (size > kMaxInput) return 0;
  const std::string_view sql(reinterpret_cast<const char*>(data), size);

  absl::StatusOr<std::unique_ptr<ctq::Statement>> parsed = ctq::ParseStatement(sql);
  if (parsed.ok()) {
    if ((*parsed)->range.end() > size) std::abort();
    (void)ctq::DumpStatement(**parsed);
  } else {
    const absl::StatusCode code = parsed.status().code();
    if (code != absl::StatusCode::kInvalidArgument && code != absl::StatusCode::kUnimplemented) {
      std::abort();
    }
    std::optional<ctq::SourceRange> range = ctq::GetSourceRange(parsed.status());
    if (!range.has_value() || range->end() > size) std::abort();
  }

  (void)ctq::SplitStatements(sql);
  return 0;
}
