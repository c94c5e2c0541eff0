// Tests of how one event's JSON values become column values
// (SQL-DIALECT.md, "From JSON to a value").
#include "storage/event_parser.h"

#include <algorithm>
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "storage/log_file_parser.h"
#include "tests/unit/storage/test_log_files.h"

namespace ctq {
namespace {

using std::nullopt;

// Parses `json` as a whole log file and returns its rows; fails the test if
// the file is skipped.
RowGroup Parse(std::string_view json) {
  LogFileParser parser;
  ParsedLogFile file;
  absl::Status status = parser.ParseBytes(json, &file);
  EXPECT_TRUE(status.ok()) << status << "\n" << json;
  return std::move(file.rows);
}

// The one row of `json` (a single event object), column `column`.
std::optional<std::string> One(std::string_view json, std::string_view column) {
  RowGroup rows = Parse(json);
  EXPECT_EQ(rows.row_count, 1u) << json;
  return Cell(rows, 0, column);
}

// The reason a file is skipped ("" if it loads).
std::string SkipReason(std::string_view json) {
  LogFileParser parser;
  ParsedLogFile file;
  absl::Status status = parser.ParseBytes(json, &file);
  return std::string(status.message());
}

TEST(EventParserTest, StringsAreUnescaped) {
  EXPECT_EQ(One(R"({"eventName":"a\"b\\c\/d\u0027e\u202ff\ud83d\ude00g\n\t"})", "eventname"),
            "a\"b\\c/d'e\xE2\x80\xAF"
            "f\xF0\x9F\x98\x80g\n\t");
  EXPECT_EQ(One(R"({"eventName":""})", "eventname"), "");
  EXPECT_EQ(One(R"({"eventName":"caf\u00e9 Zo\u00eb \u4e2d"})", "eventname"),
            "caf\xC3\xA9 Zo\xC3\xAB \xE4\xB8\xAD");
  EXPECT_EQ(One(R"({"eventName":"\u0000x"})", "eventname"), std::string("\0x", 2));
}

TEST(EventParserTest, NumbersKeepTheirText) {
  const char* json =
      R"({"eventName":"x","eventVersion":1024.0,"apiVersion":1e3,"readOnly":-0.5E+10 ,)"
      R"("recipientAccountId":123456789012345678901234567890,"eventType":0})";
  EXPECT_EQ(One(json, "eventversion"), "1024.0");
  EXPECT_EQ(One(json, "apiversion"), "1e3");
  EXPECT_EQ(One(json, "readonly"), "-0.5E+10");
  EXPECT_EQ(One(json, "recipientaccountid"), "123456789012345678901234567890");
  EXPECT_EQ(One(json, "eventtype"), "0");
}

TEST(EventParserTest, BooleansAndNulls) {
  const char* json =
      R"({"eventName":"x","readOnly":true,"managementEvent":false,"errorCode":null})";
  EXPECT_EQ(One(json, "readonly"), "true");
  EXPECT_EQ(One(json, "managementevent"), "false");
  EXPECT_EQ(One(json, "errorcode"), nullopt);
  EXPECT_EQ(One(json, "errormessage"), nullopt);  // missing
}

TEST(EventParserTest, ObjectsBecomeCompactJson) {
  const char* json = R"({"eventName":"x", "requestParameters" : {
      "b" : [ 1 , 2.50, {"x" : null}, true, false ],
      "a\u0027" : "q\"\u0001\u00e9\u202f\/",
      "Key" : {} , "e" : [ ] , "c": "\b\f\n\r\t\u001f\u007f",
      "n": -0.0e-0 } })";
  EXPECT_EQ(One(json, "requestparameters"), R"({"b":[1,2.50,{"x":null},true,false],"a'":"q\"\u0001)"
                                            "\xC3\xA9\xE2\x80\xAF"
                                            R"(/","Key":{},"e":[],"c":"\b\f\n\r\t\u001f)"
                                            "\x7f"
                                            R"(","n":-0.0e-0})");
}

TEST(EventParserTest, CompactJsonKeepsKeysAsWritten) {
  // Case, order and duplicates of keys inside a free-form object are kept;
  // escaped keys are unescaped and minimally re-escaped.
  const char* json =
      R"({"eventName":"x","requestParameters":{"BucketName":"b","bucketName":"c","BucketName":"d",)"
      R"("x-amz-id-2":1,"aws:s3:arn":2,"k\u0027\"ey\u0041":3}})";
  EXPECT_EQ(One(json, "requestparameters"),
            R"({"BucketName":"b","bucketName":"c","BucketName":"d","x-amz-id-2":1,"aws:s3:arn":2,)"
            R"("k'\"eyA":3})");
}

TEST(EventParserTest, ArraysBecomeCompactJson) {
  const char* json =
      R"({"eventName":"x","resources":[ {"ARN":"arn:aws:iam::1:role/r","accountId":"1"} , "s", [] ]})";
  EXPECT_EQ(One(json, "resources"), R"([{"ARN":"arn:aws:iam::1:role/r","accountId":"1"},"s",[]])");
}

TEST(EventParserTest, ScalarsInJsonColumnsAreNotQuoted) {
  EXPECT_EQ(One(R"({"eventName":"x","requestParameters":"text"})", "requestparameters"), "text");
  EXPECT_EQ(One(R"({"eventName":"x","requestParameters":5})", "requestparameters"), "5");
  EXPECT_EQ(One(R"({"eventName":"x","requestParameters":null})", "requestparameters"), nullopt);
}

TEST(EventParserTest, ObjectInAPlainColumnIsCompactJson) {
  EXPECT_EQ(One(R"({"eventName":{"a": [1, "b"]}})", "eventname"), R"({"a":[1,"b"]})");
  EXPECT_EQ(One(R"({"eventName":"x","userIdentity":{"type":{"x":[1]}}})", "useridentity.type"),
            R"({"x":[1]})");
}

TEST(EventParserTest, KeysMatchColumnsCaseInsensitively) {
  const char* json =
      R"({"EventName":"n","USERIDENTITY":{"USERNAME":"u","Type":"IAMUser",)"
      R"("sessioncontext":{"SESSIONISSUER":{"UserName":"r"},"Attributes":{"MFAAUTHENTICATED":"true"}}},)"
      R"("TLSDETAILS":{"tlsversion":"TLSv1.2"},"sourceIpAddress":"1.2.3.4"})";
  EXPECT_EQ(One(json, "eventname"), "n");
  EXPECT_EQ(One(json, "useridentity.username"), "u");
  EXPECT_EQ(One(json, "useridentity.type"), "IAMUser");
  EXPECT_EQ(One(json, "useridentity.sessioncontext.sessionissuer.username"), "r");
  EXPECT_EQ(One(json, "useridentity.sessioncontext.attributes.mfaauthenticated"), "true");
  EXPECT_EQ(One(json, "tlsdetails.tlsversion"), "TLSv1.2");
  EXPECT_EQ(One(json, "sourceipaddress"), "1.2.3.4");
}

TEST(EventParserTest, EscapedKeysMatch) {
  EXPECT_EQ(One(R"({"event\u004eame":"n"})", "eventname"), "n");
}

TEST(EventParserTest, EveryColumnIsReachedByItsJsonPath) {
  // Builds an event that sets every leaf to its own SQL name, nesting the
  // ROW fields as the schema's dotted JSON paths say.
  std::string json = "{";
  std::string open;  // the JSON path prefix of the objects now open
  for (const ColumnSpec& column : CloudTrailColumns()) {
    std::string path(column.json_path);
    std::string parent = path.substr(0, path.rfind('.') + 1);  // "a.b." or ""
    while (!parent.starts_with(open)) {  // close objects not shared with this path
      json += "}";
      open.resize(open.rfind('.', open.size() - 2) + 1);
    }
    if (!json.ends_with("{")) json += ",";
    while (open != parent) {  // open the remaining objects of this path
      size_t end = parent.find('.', open.size());
      json.append("\"").append(parent, open.size(), end - open.size()).append("\":{");
      open = parent.substr(0, end + 1);
    }
    json.append("\"")
        .append(path, parent.size())
        .append("\":\"")
        .append(column.sql_name)
        .append("\"");
  }
  json += std::string(std::count(open.begin(), open.end(), '.'), '}') + "}";
  RowGroup rows = Parse(json);
  ASSERT_EQ(rows.row_count, 1u);
  for (const ColumnSpec& column : CloudTrailColumns()) {
    EXPECT_EQ(Cell(rows, 0, column.sql_name), std::string(column.sql_name)) << json;
  }
}

TEST(EventParserTest, MissingUserIdentityLeavesItsLeavesNull) {
  RowGroup rows = Parse(R"({"eventName":"SendEmail","eventTime":"2025-01-24T11:43:00Z"})");
  ASSERT_EQ(rows.row_count, 1u);
  for (const ColumnSpec& column : CloudTrailColumns()) {
    if (column.sql_name.starts_with("useridentity.")) {
      EXPECT_EQ(Cell(rows, 0, column.sql_name), nullopt) << column.sql_name;
    }
  }
  EXPECT_EQ(Cell(rows, 0, "eventname"), "SendEmail");
}

TEST(EventParserTest, UserIdentityThatIsNotAnObject) {
  for (const char* value : {R"("root")", "null", "[1,2]", "7", "true"}) {
    std::string json = std::string(R"({"eventName":"x","userIdentity":)") + value + "}";
    EXPECT_EQ(One(json, "useridentity.type"), nullopt) << json;
    EXPECT_EQ(One(json, "eventname"), "x") << json;
  }
  // Also below the top level: a sessionContext that is a string.
  const char* json = R"({"eventName":"x","userIdentity":{"type":"T","sessionContext":"s"}})";
  EXPECT_EQ(One(json, "useridentity.type"), "T");
  EXPECT_EQ(One(json, "useridentity.sessioncontext.attributes.creationdate"), nullopt);
}

TEST(EventParserTest, DuplicateKeysLastOneWins) {
  EXPECT_EQ(One(R"({"eventName":"a","EVENTNAME":"b"})", "eventname"), "b");
  EXPECT_EQ(One(R"({"eventName":"a","eventName":null})", "eventname"), nullopt);
  // A repeated ROW field replaces the whole earlier value.
  const char* json =
      R"({"eventName":"x","userIdentity":{"type":"A","userName":"u"},"userIdentity":{"type":"B"}})";
  EXPECT_EQ(One(json, "useridentity.type"), "B");
  EXPECT_EQ(One(json, "useridentity.username"), nullopt);
  const char* cleared = R"({"eventName":"x","userIdentity":{"type":"A"},"userIdentity":"gone"})";
  EXPECT_EQ(One(cleared, "useridentity.type"), nullopt);
}

TEST(EventParserTest, UnknownKeysAreIgnored) {
  const char* json =
      R"({"foo":{"bar":[1,2,{"x":"y"}]},"eventName":"x","userIdentity":{"inScopeOf":{"a":1},)"
      R"("type":"T","sessionContext":{"webIdFederationData":{},"sourceIdentity":"s"}},"@timestamp":"t"})";
  EXPECT_EQ(One(json, "eventname"), "x");
  EXPECT_EQ(One(json, "useridentity.type"), "T");
}

TEST(EventParserTest, UnknownKeysAreStillValidated) {
  EXPECT_NE(SkipReason(R"({"eventName":"x","foo":[1,2,]})").find("malformed JSON"),
            std::string::npos);
  EXPECT_NE(SkipReason(R"({"eventName":"x","foo":tru})").find("invalid literal"),
            std::string::npos);
  EXPECT_NE(SkipReason(R"({"eventName":"x","foo":"\x"})").find("invalid string"),
            std::string::npos);
  EXPECT_NE(SkipReason(R"({"eventName":"x","foo":01})").find("malformed number"),
            std::string::npos);
  EXPECT_NE(SkipReason(R"({"eventName":"x","foo":{"a" 1}})").find("malformed JSON"),
            std::string::npos);
  EXPECT_NE(SkipReason(R"({"eventName":1.})").find("malformed number"), std::string::npos);
  EXPECT_NE(SkipReason(R"({"eventName":nul})").find("malformed JSON"), std::string::npos);
}

TEST(EventParserTest, EventKeysTellEventsFromOtherObjects) {
  // Outside a Records array an object must have an event key to count...
  EXPECT_NE(SkipReason(R"({"userAgent":"x","awsRegion":"r"})").find("not a CloudTrail log"),
            std::string::npos);
  // ...whatever its value, and in any case.
  EXPECT_EQ(One(R"({"EVENTID":null})", "eventid"), nullopt);
  EXPECT_EQ(One(R"({"eventTime":"t"})", "eventtime"), "t");
  EXPECT_EQ(One(R"({"eventSource":"s"})", "eventsource"), "s");
  EXPECT_EQ(One(R"({"eventVersion":"1.0"})", "eventversion"), "1.0");
  // Inside Records, any object is an event.
  RowGroup rows = Parse(R"({"Records":[{},{"userAgent":"x"}]})");
  ASSERT_EQ(rows.row_count, 2u);
  EXPECT_EQ(Cell(rows, 1, "useragent"), "x");
}

TEST(EventParserTest, ValuesOfSeveralEventsStayApart) {
  RowGroup rows =
      Parse(R"({"Records":[{"eventName":"a","requestParameters":{"k":1}},{"eventName":"b"},)"
            R"({"eventName":"c","requestParameters":[2]}]})");
  ASSERT_EQ(rows.row_count, 3u);
  EXPECT_EQ(Cell(rows, 0, "requestparameters"), R"({"k":1})");
  EXPECT_EQ(Cell(rows, 1, "requestparameters"), nullopt);
  EXPECT_EQ(Cell(rows, 2, "requestparameters"), "[2]");
  EXPECT_EQ(Cell(rows, 2, "eventname"), "c");
}

}  // namespace
}  // namespace ctq
