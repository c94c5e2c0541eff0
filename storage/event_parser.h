// Turning one CloudTrail event (a JSON object) into one row of the table, as
// SQL-DIALECT.md ("From JSON to a value") says: keys match columns
// case-insensitively, unknown keys are ignored, a missing key or JSON null is
// NULL, a string is its unescaped text, a number its text as written, a
// boolean 'true'/'false', and an object or array its compact JSON text.
// ROW fields (userIdentity, its sessionContext, attributes and sessionIssuer,
// and tlsDetails) are entered when their value is an object; otherwise their
// leaves stay NULL. For a duplicate key the last one wins.
//
// A ROW field whose value is a string, number, boolean or array
// (`"userIdentity":"alice"`) is a type mismatch: the event is kept with the
// whole ROW NULL, as for a missing one (Athena's JSON SerDe, told to ignore
// malformed values, gives NULL too; keeping the text would need a type the
// column does not have), and the mismatch is counted so ingest can say so.
// Leaf columns have no wrong type: every JSON value has a text form.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "simdjson.h"
#include "storage/cloudtrail_schema.h"
#include "storage/row_group.h"

namespace ctq {

// Holds one event's values between Begin() and Commit(). Not thread-safe; one
// per worker thread, reused across events to keep its buffers.
//
// String values are views into the simdjson parser's string buffer or into
// the input, so an event must be committed before the parser moves on to the
// next document.
class EventParser {
 public:
  EventParser();
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;

  // Parses the object `value` as one event and appends it to `rows`.
  // REQUIRES: `value` is a JSON object.
  simdjson::error_code ParseEvent(simdjson::ondemand::value& value, RowGroup* rows);

  // The steps of ParseEvent, for callers that route some top-level keys
  // themselves (the `Records` key of a whole log file).
  // Begin() makes every column NULL; AddField() sets the column(s) of one
  // field of the event object (`key` unescaped); Commit() appends the row.
  void Begin();
  simdjson::error_code AddField(std::string_view key, simdjson::ondemand::value& value);
  simdjson::error_code Commit(RowGroup* rows);

  // Whether the event has a key that only events have (eventVersion,
  // eventTime, eventName, eventSource or eventID, in any case), whatever its
  // value. This tells a CloudTrail event from some other JSON object.
  bool has_event_key() const { return has_event_key_; }

  // Per ROW column (index: presence column - kCloudTrailColumnCount), the
  // events committed since the last ResetCounts() whose value there was of the
  // wrong type (a ROW later replaced by a good one under a repeated key does
  // not count).
  const std::array<uint64_t, kStructCount>& type_mismatches() const { return type_mismatches_; }
  void ResetCounts() { type_mismatches_.fill(0); }

 private:
  enum class SlotState : uint8_t { kNull, kView, kScratch };
  struct Slot {
    SlotState state = SlotState::kNull;
    std::string_view view;  // kView: the value
    size_t offset = 0;      // kScratch: the value is scratch_[offset, offset + size)
    size_t size = 0;
  };

  simdjson::error_code AddFieldIn(int context, std::string_view key,
                                  simdjson::ondemand::value& value, int depth);
  simdjson::error_code SetLeaf(int column, simdjson::ondemand::value& value, int depth);
  simdjson::error_code SetStruct(int context, simdjson::ondemand::value& value, int depth);
  simdjson::error_code Validate(simdjson::ondemand::value& value, int depth);

  // Leaves, ROW presence, partition columns (never set here: they stay NULL
  // until LogFileParser::ParseFile fills them from the path).
  std::array<Slot, kStoredColumnCount> slots_;
  // Compact JSON text of object and array values of the current event.
  std::string scratch_;
  // Output of walks that only validate (values of unknown keys).
  std::string discard_;
  bool has_event_key_ = false;
  std::array<bool, kStructCount> mismatched_{};  // of the current event
  std::array<uint64_t, kStructCount> type_mismatches_{};
};

// The SQL name of the ROW column with presence column `presence_column`
// (`useridentity`, `useridentity.sessioncontext`, ...).
std::string_view RowColumnName(int presence_column);

}  // namespace ctq
