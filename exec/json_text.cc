#include "exec/json_text.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "ctq/value.h"
#include "simdjson.h"
#include "storage/compact_json.h"

namespace ctq {
namespace {

bool AppendCanonical(simdjson::dom::element element, int depth, std::string* out) {
  if (depth > kMaxJsonDepth) return false;
  switch (element.type()) {
    case simdjson::dom::element_type::OBJECT: {
      std::vector<std::pair<std::string_view, simdjson::dom::element>> fields;
      for (auto field : simdjson::dom::object(element)) fields.emplace_back(field.key, field.value);
      // Sorted by key; a repeated key keeps its last value (a Java map's put).
      std::stable_sort(fields.begin(), fields.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      out->push_back('{');
      bool first = true;
      for (size_t i = 0; i < fields.size(); i++) {
        if (i + 1 < fields.size() && fields[i + 1].first == fields[i].first) continue;
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(fields[i].first, out);
        out->push_back(':');
        if (!AppendCanonical(fields[i].second, depth + 1, out)) return false;
      }
      out->push_back('}');
      return true;
    }
    case simdjson::dom::element_type::ARRAY: {
      out->push_back('[');
      bool first = true;
      for (simdjson::dom::element child : simdjson::dom::array(element)) {
        if (!first) out->push_back(',');
        first = false;
        if (!AppendCanonical(child, depth + 1, out)) return false;
      }
      out->push_back(']');
      return true;
    }
    case simdjson::dom::element_type::STRING:
      AppendJsonString(std::string_view(element), out);
      return true;
    case simdjson::dom::element_type::INT64:
      out->append(std::to_string(int64_t(element)));
      return true;
    case simdjson::dom::element_type::UINT64:
      out->append(std::to_string(uint64_t(element)));
      return true;
    case simdjson::dom::element_type::DOUBLE:
      out->append(FormatDouble(double(element)));
      return true;
    case simdjson::dom::element_type::BOOL:
      out->append(bool(element) ? "true" : "false");
      return true;
    case simdjson::dom::element_type::NULL_VALUE:
      out->append("null");
      return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> CanonicalJson(std::string_view text) {
  // Not JSON; and simdjson would memcpy from an empty view's null data().
  if (text.empty()) return std::nullopt;
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size(), /*realloc_if_needed=*/true).get(root) !=
      simdjson::SUCCESS) {
    return std::nullopt;
  }
  std::string out;
  if (!AppendCanonical(root, 1, &out)) return std::nullopt;
  return out;
}

}  // namespace ctq
