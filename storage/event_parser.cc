#include "storage/event_parser.h"

#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "ctq/internal/status_macros.h"
#include "storage/ascii_case.h"
#include "storage/compact_json.h"

namespace ctq {
namespace {

namespace ondemand = simdjson::ondemand;
using simdjson::error_code;

// No schema key is longer; a longer key cannot match and is not lowercased.
constexpr size_t kMaxKeyLength = 64;

// What a key of an object maps to: a leaf column, or a ROW field whose own
// keys are looked up in another context.
struct KeyTarget {
  bool is_struct;
  int index;  // leaf column index, or context index
};

// The keys of the event object (context 0) or of one ROW field.
struct KeyContext {
  int first_leaf = 0;
  int leaf_count = 0;
  int presence_column = -1;  // ROW contexts: the column that marks the object present
  std::string name;          // ROW contexts: the ROW's SQL name
  absl::flat_hash_map<std::string, KeyTarget> keys;  // lowercase key → target
};

struct KeyTable {
  std::vector<KeyContext> contexts;
  std::array<bool, kCloudTrailColumnCount> is_event_key{};
};

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = AsciiToLower(c);
  return lower;
}

// Derives the lookup contexts from the schema's dotted JSON paths, so that the
// schema stays the only list of columns.
std::unique_ptr<KeyTable> BuildKeyTable() {
  auto table = std::make_unique<KeyTable>();
  table->contexts.emplace_back();
  table->contexts[0].leaf_count = kCloudTrailColumnCount;
  std::span<const ColumnSpec> columns = CloudTrailColumns();
  for (int column = 0; column < kCloudTrailColumnCount; column++) {
    std::string_view path = columns[column].json_path;
    int context = 0;
    size_t start = 0;
    for (size_t dot = path.find('.'); dot != std::string_view::npos;
         start = dot + 1, dot = path.find('.', start)) {
      std::string key = Lowercase(path.substr(start, dot - start));
      const int next_context = static_cast<int>(table->contexts.size());
      KeyTarget target = table->contexts[context]
                             .keys.try_emplace(key, KeyTarget{true, next_context})
                             .first->second;
      CTQ_DCHECK(target.is_struct);
      if (target.index == next_context) {
        std::optional<StructSpec> spec = FindStruct(Lowercase(path.substr(0, dot)));
        CTQ_DCHECK(spec.has_value());
        KeyContext child;
        child.first_leaf = spec->first_leaf;
        child.leaf_count = spec->leaf_count;
        child.presence_column = spec->presence_column;
        child.name = std::string(spec->sql_name);
        table->contexts.push_back(std::move(child));
      }
      context = target.index;
    }
    table->contexts[context].keys.emplace(Lowercase(path.substr(start)), KeyTarget{false, column});
    if (context == 0) {
      std::string_view name = columns[column].sql_name;
      table->is_event_key[column] = name == "eventversion" || name == "eventtime" ||
                                    name == "eventname" || name == "eventsource" ||
                                    name == "eventid";
    }
  }
  return table;
}

const KeyTable& GetKeyTable() {
  static const KeyTable* const table = BuildKeyTable().release();
  return *table;
}

// The target of `key` (any ASCII case) in `context`, or null.
const KeyTarget* FindKey(const KeyContext& context, std::string_view key) {
  if (key.size() > kMaxKeyLength) return nullptr;
  char lower[kMaxKeyLength];
  for (size_t i = 0; i < key.size(); i++) lower[i] = AsciiToLower(key[i]);
  // absl::string_view: Debian's Abseil does not take std::string_view.
  auto it = context.keys.find(absl::string_view(lower, key.size()));
  return it == context.keys.end() ? nullptr : &it->second;
}

}  // namespace

std::string_view RowColumnName(int presence_column) {
  for (const KeyContext& context : GetKeyTable().contexts) {
    if (context.presence_column == presence_column) return context.name;
  }
  return "";
}

EventParser::EventParser() { GetKeyTable(); }

void EventParser::Begin() {
  slots_.fill(Slot());
  scratch_.clear();
  has_event_key_ = false;
  mismatched_.fill(false);
}

error_code EventParser::ParseEvent(ondemand::value& value, RowGroup* rows) {
  Begin();
  if (error_code error = SetStruct(0, value, 1)) return error;
  return Commit(rows);
}

error_code EventParser::AddField(std::string_view key, ondemand::value& value) {
  return AddFieldIn(0, key, value, 2);
}

error_code EventParser::AddFieldIn(int context, std::string_view key, ondemand::value& value,
                                   int depth) {
  const KeyTable& table = GetKeyTable();
  const KeyTarget* target = FindKey(table.contexts[context], key);
  if (target == nullptr) return Validate(value, depth);
  if (!target->is_struct) {
    if (context == 0 && table.is_event_key[target->index]) has_event_key_ = true;
    return SetLeaf(target->index, value, depth);
  }
  // A repeated ROW key replaces the whole earlier value (last one wins).
  const KeyContext& child = table.contexts[target->index];
  for (int i = 0; i < child.leaf_count; i++) slots_[child.first_leaf + i] = Slot();
  for (const KeyContext& nested : table.contexts) {
    // The ROW and the ROWs inside it become absent again.
    if (nested.presence_column >= 0 && nested.first_leaf >= child.first_leaf &&
        nested.first_leaf + nested.leaf_count <= child.first_leaf + child.leaf_count) {
      slots_[nested.presence_column] = Slot();
      mismatched_[nested.presence_column - kCloudTrailColumnCount] = false;
    }
  }
  ondemand::json_type type;
  if (error_code error = value.type().get(type)) return error;
  if (type != ondemand::json_type::object) {
    if (type != ondemand::json_type::null) {
      mismatched_[child.presence_column - kCloudTrailColumnCount] = true;
    }
    return Validate(value, depth);
  }
  return SetStruct(target->index, value, depth);
}

error_code EventParser::SetStruct(int context, ondemand::value& value, int depth) {
  if (depth > kMaxJsonDepth) return simdjson::DEPTH_ERROR;
  ondemand::object object;
  if (error_code error = value.get_object().get(object)) return error;
  // The ROW is present (even if empty): its presence column is non-NULL.
  // (Context 0 is the event object itself, which has none.)
  const int presence = GetKeyTable().contexts[context].presence_column;
  if (presence >= 0) slots_[presence] = Slot{SlotState::kView, ""};
  for (auto field_result : object) {
    ondemand::field field;
    if (error_code error = std::move(field_result).get(field)) return error;
    std::string_view key;
    if (error_code error = field.unescaped_key().get(key)) return error;
    if (error_code error = AddFieldIn(context, key, field.value(), depth + 1)) return error;
  }
  return simdjson::SUCCESS;
}

error_code EventParser::SetLeaf(int column, ondemand::value& value, int depth) {
  Slot& slot = slots_[column];
  ondemand::json_type type;
  if (error_code error = value.type().get(type)) return error;
  switch (type) {
    case ondemand::json_type::string: {
      // The unescaped text lives in the parser's string buffer until the
      // next document, which is after Commit().
      std::string_view text;
      if (error_code error = value.get_string().get(text)) return error;
      slot = Slot{SlotState::kView, text};
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::number: {
      std::string_view number = CheckedNumberToken(value.raw_json_token());
      if (number.empty()) return simdjson::NUMBER_ERROR;
      slot = Slot{SlotState::kView, number};
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::boolean: {
      bool flag = false;
      if (error_code error = value.get_bool().get(flag)) {
        // simdjson calls a bad literal (`tru`) a type mismatch.
        return error == simdjson::INCORRECT_TYPE ? simdjson::T_ATOM_ERROR : error;
      }
      slot = Slot{SlotState::kView, flag ? "true" : "false"};
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::null: {
      bool is_null = false;
      error_code error = value.is_null().get(is_null);
      if (error == simdjson::INCORRECT_TYPE || (!error && !is_null)) return simdjson::N_ATOM_ERROR;
      if (error) return error;
      slot = Slot();
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::object:
    case ondemand::json_type::array: {
      size_t offset = scratch_.size();
      if (error_code error = AppendCompactJson(value, depth, &scratch_)) return error;
      slot = Slot{SlotState::kScratch, {}, offset, scratch_.size() - offset};
      return simdjson::SUCCESS;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

error_code EventParser::Validate(ondemand::value& value, int depth) {
  discard_.clear();
  return AppendCompactJson(value, depth, &discard_);
}

error_code EventParser::Commit(RowGroup* rows) {
  constexpr size_t kMaxColumnBytes = std::numeric_limits<uint32_t>::max();
  for (int column = 0; column < kStoredColumnCount; column++) {
    const Slot& slot = slots_[column];
    StringColumnData& data = rows->columns[column];
    if (slot.state == SlotState::kNull) {
      data.AppendNull();
      continue;
    }
    std::string_view value = slot.state == SlotState::kView
                                 ? slot.view
                                 : std::string_view(scratch_).substr(slot.offset, slot.size);
    // Offsets are 32-bit. Input is capped below 4 GiB and no value is longer
    // than its JSON text, so this only guards the invariant.
    if (data.bytes.size() + value.size() > kMaxColumnBytes) return simdjson::CAPACITY;
    data.Append(value);
  }
  rows->row_count++;
  for (int k = 0; k < kStructCount; k++) type_mismatches_[k] += mismatched_[k] ? 1 : 0;
  return simdjson::SUCCESS;
}

}  // namespace ctq
