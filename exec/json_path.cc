#include "exec/json_path.h"

#include <cctype>

#include "ctq/internal/strings.h"
#include "simdjson.h"
#include "storage/compact_json.h"

namespace ctq {
namespace {

absl::Status InvalidPath(std::string_view path) {
  return absl::InvalidArgumentError(StrCat("Invalid JSON path: '", path, "'"));
}

// Trino's path tokenizer takes Java letters and digits and `_` (plus `:` after
// a dot). Any non-ASCII byte counts as part of a letter, so `$.café` works.
bool IsKeyCharacter(char c, bool after_dot) {
  unsigned char byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) || byte >= 0x80 || c == '_' || (after_dot && c == ':');
}

std::optional<uint64_t> ParseIndex(std::string_view digits) {
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  uint64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view text) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') i++;
    return i - start;
  };
  if (i < text.size() && text[i] == '-') i++;
  if (i < text.size() && text[i] == '0') {
    i++;
  } else if (digits() == 0) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    i++;
    if (digits() == 0) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    i++;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) i++;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

// Writes a scalar ondemand value as Trino prints it; false for non-scalars.
template <typename T>
bool ScalarText(T& value, std::string* out) {
  simdjson::ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  switch (type) {
    case simdjson::ondemand::json_type::string: {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS) return false;
      out->assign(text);
      return true;
    }
    case simdjson::ondemand::json_type::number: {
      // The on-demand parser types `1x` or `01` as numbers without checking
      // them; a malformed number is invalid JSON, so NULL.
      std::string_view raw = value.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' ||
                              raw.back() == '\t')) {
        raw.remove_suffix(1);
      }
      if (!IsJsonNumber(raw)) return false;
      out->assign(raw);
      return true;
    }
    case simdjson::ondemand::json_type::boolean: {
      bool b;
      if (value.get_bool().get(b) != simdjson::SUCCESS) return false;
      out->assign(b ? "true" : "false");
      return true;
    }
    default:
      return false;  // null, object, array
  }
}

// Reads all of `value` to check that it is valid JSON. The on-demand parser
// does not validate what it skips (`{"b":[1,oops],"a":1}` would yield 1), but
// Trino's streaming parser reads every value before the target and fails on
// invalid ones, so ctq checks the values it passes over on the way.
bool ValidateSkipped(simdjson::ondemand::value value, int depth = 0) {
  if (depth > 1024) return false;
  simdjson::ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  switch (type) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object object;
      if (value.get_object().get(object) != simdjson::SUCCESS) return false;
      for (auto field : object) {
        std::string_view key;
        simdjson::ondemand::value child;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
        if (field.value().get(child) != simdjson::SUCCESS) return false;
        if (!ValidateSkipped(child, depth + 1)) return false;
      }
      return true;
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array array;
      if (value.get_array().get(array) != simdjson::SUCCESS) return false;
      for (auto element : array) {
        simdjson::ondemand::value child;
        if (element.get(child) != simdjson::SUCCESS) return false;
        if (!ValidateSkipped(child, depth + 1)) return false;
      }
      return true;
    }
    case simdjson::ondemand::json_type::string: {
      std::string_view text;
      return value.get_string().get(text) == simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::number: {
      simdjson::ondemand::number number;
      return value.get_number().get(number) == simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::boolean: {
      bool b;
      return value.get_bool().get(b) == simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::null: {
      bool is_null = false;
      return value.is_null().get(is_null) == simdjson::SUCCESS && is_null;
    }
  }
  return false;
}

// Moves `value` one step down the path. First occurrence of a key wins.
bool Descend(simdjson::ondemand::value& value, const JsonPath::Step& step) {
  simdjson::ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) return false;
    for (auto field : object) {
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
      simdjson::ondemand::value child;
      if (field.value().get(child) != simdjson::SUCCESS) return false;
      if (key == step.key) {
        value = child;
        return true;
      }
      if (!ValidateSkipped(child)) return false;
    }
    return false;
  }
  if (type == simdjson::ondemand::json_type::array && step.index.has_value()) {
    simdjson::ondemand::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) return false;
    uint64_t i = 0;
    for (auto element : array) {
      simdjson::ondemand::value child;
      if (element.get(child) != simdjson::SUCCESS) return false;
      if (i++ == *step.index) {
        value = child;
        return true;
      }
      if (!ValidateSkipped(child)) return false;
    }
    return false;
  }
  return false;
}

}  // namespace

absl::StatusOr<JsonPath> JsonPath::Parse(std::string_view path) {
  if (path.empty() || path[0] != '$') return InvalidPath(path);
  JsonPath result;
  size_t pos = 1;
  while (pos < path.size()) {
    Step step;
    if (path[pos] == '.') {
      size_t start = ++pos;
      while (pos < path.size() && IsKeyCharacter(path[pos], true)) pos++;
      if (pos == start) return InvalidPath(path);
      step.key = std::string(path.substr(start, pos - start));
    } else if (path[pos] == '[') {
      pos++;
      if (pos < path.size() && path[pos] == '"') {
        pos++;
        bool closed = false;
        while (pos < path.size()) {
          char c = path[pos++];
          if (c == '"') {
            closed = true;
            break;
          }
          if (c == '\\') {
            if (pos >= path.size() || (path[pos] != '"' && path[pos] != '\\')) {
              return InvalidPath(path);
            }
            c = path[pos++];
          }
          step.key.push_back(c);
        }
        if (!closed) return InvalidPath(path);
      } else {
        size_t start = pos;
        while (pos < path.size() && IsKeyCharacter(path[pos], false)) pos++;
        if (pos == start) return InvalidPath(path);
        step.key = std::string(path.substr(start, pos - start));
      }
      if (pos >= path.size() || path[pos] != ']') return InvalidPath(path);
      pos++;
    } else {
      return InvalidPath(path);
    }
    // Trino derives an array index from the key text however the step is
    // written: `$.1`, `$[1]` and `$["1"]` all index arrays.
    step.index = ParseIndex(step.key);
    result.steps_.push_back(std::move(step));
  }
  return result;
}

namespace {

// Runs `visit` on the value at `steps` in `json`; false when the document is
// invalid or the path leads nowhere.
template <typename Visit>
bool AtPath(std::string_view json, const std::vector<JsonPath::Step>& steps,
            JsonPath::Scratch* scratch, Visit visit) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end: copy into a
  // padded buffer that is reused across rows.
  scratch->buffer.assign(json);
  scratch->buffer.resize(json.size() + simdjson::SIMDJSON_PADDING, '\0');
  thread_local simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (parser.iterate(scratch->buffer.data(), json.size(), scratch->buffer.size()).get(doc) !=
      simdjson::SUCCESS) {
    return false;
  }
  simdjson::ondemand::value value;
  if (steps.empty()) {
    // A scalar document has no value() in On Demand: handled by the caller.
    bool scalar;
    if (doc.is_scalar().get(scalar) != simdjson::SUCCESS) return false;
    if (scalar) return visit(&doc, nullptr);
  }
  if (doc.get_value().get(value) != simdjson::SUCCESS) return false;
  for (const JsonPath::Step& step : steps) {
    if (!Descend(value, step)) return false;
  }
  return visit(nullptr, &value);
}

}  // namespace

bool JsonPath::Extract(std::string_view json, Scratch* scratch, std::string* out) const {
  return AtPath(json, steps_, scratch,
                [&](simdjson::ondemand::document* doc, simdjson::ondemand::value* value) {
                  return doc != nullptr ? ScalarText(*doc, out) : ScalarText(*value, out);
                });
}

bool JsonPath::ExtractJson(std::string_view json, Scratch* scratch, std::string* out) const {
  out->clear();
  return AtPath(json, steps_, scratch,
                [&](simdjson::ondemand::document* doc, simdjson::ondemand::value* value) {
                  if (doc != nullptr) {
                    // A scalar document: its text, checked as ScalarText checks it.
                    std::string text;
                    simdjson::ondemand::json_type type;
                    if (doc->type().get(type) != simdjson::SUCCESS) return false;
                    if (type == simdjson::ondemand::json_type::null) {
                      bool is_null = false;
                      if (doc->is_null().get(is_null) != simdjson::SUCCESS || !is_null) return false;
                      out->assign("null");
                      return true;
                    }
                    if (!ScalarText(*doc, &text)) return false;
                    if (type == simdjson::ondemand::json_type::string) {
                      AppendJsonString(text, out);
                    } else {
                      out->assign(text);
                    }
                    return true;
                  }
                  return AppendCompactJson(*value, 1, out) == simdjson::SUCCESS;
                });
}

bool JsonPath::Size(std::string_view json, Scratch* scratch, int64_t* out) const {
  return AtPath(json, steps_, scratch,
                [&](simdjson::ondemand::document* doc, simdjson::ondemand::value* value) {
                  *out = 0;
                  if (doc != nullptr) return true;
                  simdjson::ondemand::json_type type;
                  if (value->type().get(type) != simdjson::SUCCESS) return false;
                  if (type == simdjson::ondemand::json_type::object) {
                    simdjson::ondemand::object object;
                    if (value->get_object().get(object) != simdjson::SUCCESS) return false;
                    for (auto field : object) {
                      simdjson::ondemand::value child;
                      if (field.value().get(child) != simdjson::SUCCESS) return false;
                      if (!ValidateSkipped(child)) return false;
                      ++*out;
                    }
                  } else if (type == simdjson::ondemand::json_type::array) {
                    simdjson::ondemand::array array;
                    if (value->get_array().get(array) != simdjson::SUCCESS) return false;
                    for (auto element : array) {
                      simdjson::ondemand::value child;
                      if (element.get(child) != simdjson::SUCCESS) return false;
                      if (!ValidateSkipped(child)) return false;
                      ++*out;
                    }
                  }
                  return true;
                });
}

}  // namespace ctq
