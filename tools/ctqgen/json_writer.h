#pragma once

// A minimal compact-JSON emitter that appends to a caller-owned std::string.
//
// ctqgen writes millions of events, so this does no allocation of its own and no validation
// beyond comma placement: callers are trusted to pair Begin/End calls and to put a value after
// every Key. Output is canonical compact JSON: no spaces, raw UTF-8, and only `\"`, `\\` and
// control characters escaped (unless a Gson-style escape is asked for explicitly).

#include <cstdint>
#include <string>
#include <string_view>

namespace ctq::gen {

// Not thread-safe. The target string must outlive the writer.
class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() {
    Separate();
    out_->push_back('{');
    need_comma_ = false;
  }
  void EndObject() {
    out_->push_back('}');
    need_comma_ = true;
  }
  void BeginArray() {
    Separate();
    out_->push_back('[');
    need_comma_ = false;
  }
  void EndArray() {
    out_->push_back(']');
    need_comma_ = true;
  }

  // REQUIRES: key needs no escaping (all keys ctqgen writes are ASCII identifiers).
  void Key(std::string_view key);

  void String(std::string_view value);
  // Like String, but also escapes ' < > = & as \u0027 and friends, the way Gson-based AWS
  // services write some errorMessage and userAgent values.
  void GsonString(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value) { Literal(value ? std::string_view("true") : std::string_view("false")); }
  void Null() { Literal("null"); }
  // Appends an already-encoded JSON value (an object rendered by another writer).
  void Raw(std::string_view json) { Literal(json); }

  // Shorthands for "key":value members.
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void IntField(std::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }
  void BoolField(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }

 private:
  void Separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (need_comma_) {
      out_->push_back(',');
    }
    need_comma_ = true;
  }
  void Literal(std::string_view text) {
    Separate();
    out_->append(text);
  }
  void Escaped(std::string_view value, const bool* needs_escape);

  std::string* out_;
  bool need_comma_ = false;
  bool after_key_ = false;
};

}  // namespace ctq::gen
