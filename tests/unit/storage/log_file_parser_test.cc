// Tests of reading one log file whole: the shapes CloudTrail logs come in,
// gzip detection, and bad input of every kind (skipped with a reason that
// names the problem, never a crash).
#include "storage/log_file_parser.h"

#include <random>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/storage/test_log_files.h"

namespace ctq {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kEventA = R"({"eventVersion":"1.08","eventName":"A","eventID":"1"})";
const std::string kEventB = R"({"eventVersion":"1.08","eventName":"B","eventID":"2"})";
const std::string kRecords = R"({"Records":[)" + kEventA + "," + kEventB + "]}";

struct Outcome {
  absl::Status status;
  ParsedLogFile file;

  // The eventname of every row, joined by commas.
  std::string names() const {
    std::string out;
    for (uint32_t row = 0; row < file.rows.row_count; row++) {
      if (row > 0) out += ",";
      out += Cell(file.rows, row, "eventname").value_or("NULL");
    }
    return out;
  }
  std::string reason() const { return std::string(status.message()); }
};

Outcome ParseContents(std::string_view contents) {
  LogFileParser parser;
  Outcome outcome;
  outcome.status = parser.ParseBytes(contents, &outcome.file);
  if (!outcome.status.ok()) {
    EXPECT_EQ(outcome.file.rows.row_count, 0u);
  }
  return outcome;
}

// ---- Shapes -------------------------------------------------------------

TEST(LogFileParserTest, RecordsObject) {
  Outcome out = ParseContents(kRecords);
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A,B");
  EXPECT_FALSE(out.file.is_digest);
}

TEST(LogFileParserTest, RecordsKeyInAnyCase) {
  for (const char* key : {"records", "RECORDS", "rEcOrDs"}) {
    Outcome out = ParseContents(std::string("{\"") + key + "\":[" + kEventA + "]}");
    ASSERT_TRUE(out.status.ok()) << out.status;
    EXPECT_EQ(out.names(), "A");
  }
}

TEST(LogFileParserTest, OtherTopLevelKeysAreIgnored) {
  Outcome out = ParseContents(R"({"foo":[1,{"a":2}],"eventName":"top","Records":[)" + kEventA +
                              R"(],"bar":null})");
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A");
}

TEST(LogFileParserTest, RepeatedRecordsKeyLastOneWins) {
  Outcome out = ParseContents(R"({"Records":[)" + kEventA + R"(],"Records":[)" + kEventB + "]}");
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "B");
}

TEST(LogFileParserTest, BareArray) {
  Outcome out = ParseContents("[" + kEventA + "," + kEventB + "]");
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A,B");
}

TEST(LogFileParserTest, EmptyArrayAndEmptyRecordsAreValidEmptyLogs) {
  for (const char* contents : {"[]", " [ ] \n", R"({"Records":[]})", R"({"Records":[]}   )"}) {
    Outcome out = ParseContents(contents);
    EXPECT_TRUE(out.status.ok()) << contents << ": " << out.status;
    EXPECT_EQ(out.file.rows.row_count, 0u);
  }
}

TEST(LogFileParserTest, SingleEventObject) {
  Outcome out = ParseContents(kEventA);
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A");
}

TEST(LogFileParserTest, PrettyPrinted) {
  std::string pretty =
      "[\r\n   {\r\n      \"eventName\" : \"A\",\r\n      \"requestParameters\" : {\r\n"
      "         \"a\" : [ 1,\n 2 ]\r\n      }\r\n   }\r\n]\r\n";
  Outcome out = ParseContents(pretty);
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A");
  EXPECT_EQ(Cell(out.file.rows, 0, "requestparameters"), R"({"a":[1,2]})");
}

TEST(LogFileParserTest, NdjsonEventsOnePerLine) {
  Outcome out = ParseContents(kEventA + "\n" + kEventB + "\n\n" + kEventA);
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A,B,A");
  // Any JSON whitespace separates documents.
  out = ParseContents(kEventA + " " + kEventB + "\r\n\t" + kEventA + "\n");
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A,B,A");
}

TEST(LogFileParserTest, NdjsonOfRecordsObjectsAndArrays) {
  Outcome out = ParseContents(R"({"Records":[)" + kEventA + "]}\n[" + kEventB + "]\n" + kEventA);
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A,B,A");
}

TEST(LogFileParserTest, GzipIsDetectedByContent) {
  Outcome out = ParseContents(Gzip(kRecords));
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A,B");
}

TEST(LogFileParserTest, MultiMemberGzip) {
  std::string half1 = kRecords.substr(0, 10);
  std::string half2 = kRecords.substr(10);
  Outcome out = ParseContents(Gzip(half1) + Gzip("") + Gzip(half2));
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A,B");
}

TEST(LogFileParserTest, ByteOrderMarkIsSkipped) {
  Outcome out = ParseContents("\xEF\xBB\xBF" + kRecords);
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "A,B");
}

TEST(LogFileParserTest, DigestFileIsRecognisedByContent) {
  for (const char* key : {"digestPublicKeyFingerprint", "digestS3Object"}) {
    Outcome out =
        ParseContents(std::string(R"({"awsAccountId":"1","logFiles":[{"s3Object":"x"}],")") + key +
                      R"(":"abc"})");
    ASSERT_TRUE(out.status.ok()) << out.status;
    EXPECT_TRUE(out.file.is_digest);
    EXPECT_EQ(out.file.rows.row_count, 0u);
  }
}

// ---- Bad input ------------------------------------------------------------

TEST(LogFileParserTest, EmptyFile) {
  for (const char* contents : {"", " ", "\n\r\n\t  ", "\xEF\xBB\xBF"}) {
    EXPECT_EQ(ParseContents(contents).reason(), "empty file");
  }
  EXPECT_EQ(ParseContents(Gzip("")).reason(), "empty file");
  EXPECT_EQ(ParseContents(Gzip("\n")).reason(), "empty file");
}

TEST(LogFileParserTest, MalformedJsonNamesTheByte) {
  // A missing comma between two events.
  std::string text = R"({"Records":[)" + kEventA + " " + kEventB + "]}";
  Outcome out = ParseContents(text);
  EXPECT_THAT(out.reason(), StartsWith("malformed JSON near byte "));
  EXPECT_THAT(out.reason(), HasSubstr("improper structure"));
  // The same inside gzip says the offset is in the decompressed text.
  EXPECT_THAT(ParseContents(Gzip(text)).reason(), HasSubstr("of the decompressed data"));
}

TEST(LogFileParserTest, MalformedJsonOfManyKinds) {
  const std::string bad[] = {
      R"({"Records":[)" + kEventA,              // unfinished
      kRecords.substr(0, kRecords.size() - 1),  // last brace missing
      kRecords + "}",                           // one brace too many
      kRecords + "]",
      R"({"Records":[)" + kEventA + ",]}",  // trailing comma
      R"({"Records":[)" + kEventA + "]} garbage",
      R"({"Records" [)" + kEventA + "]}",  // missing colon
      R"({Records:[]})",                   // unquoted key
      R"({"Records":[{"eventName":"unterminated}]})",
      R"({"Records":[{"eventName":'single'}]})",
      "{\"eventName\":\"x\"}\n{\"eventName\":",  // NDJSON cut short
      "}",
      "hello",
  };
  for (const std::string& text : bad) {
    Outcome out = ParseContents(text);
    EXPECT_FALSE(out.status.ok()) << text;
    EXPECT_THAT(out.reason(),
                ::testing::AnyOf(StartsWith("malformed JSON"), StartsWith("not a CloudTrail")))
        << text;
  }
}

TEST(LogFileParserTest, NotCloudTrail) {
  struct Case {
    std::string contents;
    std::string reason;
  };
  const Case cases[] = {
      {R"({"foo":1})",
       "not a CloudTrail log: an object with no Records array and none of eventVersion"},
      {"42", "not a CloudTrail log: document 1 is a number, not an object or array"},
      {R"("text")", "not a CloudTrail log: document 1 is a string, not an object or array"},
      {"true", "not a CloudTrail log: document 1 is a boolean"},
      {"null", "not a CloudTrail log: document 1 is null"},
      {"[1,2]", "not a CloudTrail log: array element 0 is a number, not an object"},
      {R"([{"eventName":"a"},{"foo":1}])", "not a CloudTrail log: array element 1 has none of"},
      {R"({"Records":{}})", "not a CloudTrail log: Records is an object, not an array"},
      {R"({"Records":null})", "not a CloudTrail log: Records is null, not an array"},
      {R"({"Records":[{},"x"]})",
       "not a CloudTrail log: Records element 1 is a string, not an object"},
      {kEventA + "\n{\"a\":1}\n", "not a CloudTrail log: an object with no Records array"},
      {kEventA + "\n7\n", "not a CloudTrail log: document 2 is a number"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(ParseContents(c.contents).reason(), StartsWith(c.reason)) << c.contents;
  }
}

// ---- Lenient text: bad sequences become U+FFFD, the events stay ---------

const std::string kFffd = "\xEF\xBF\xBD";

TEST(LogFileParserTest, InvalidUtf8IsReplacedAndTheEventsKept) {
  std::string text = R"({"Records":[{"eventName":"ab)"
                     "\xff"
                     R"("},)" +
                     kEventB + "]}";
  for (const std::string& contents : {text, Gzip(text)}) {
    Outcome out = ParseContents(contents);
    ASSERT_TRUE(out.status.ok()) << out.status;
    EXPECT_EQ(out.names(), "ab" + kFffd + ",B");
    EXPECT_EQ(out.file.events_with_replacements, 1u);
  }
  // One U+FFFD per maximal ill-formed subpart, as Java's decoder (Trino)
  // and the Unicode standard's recommendation count them.
  const std::pair<std::string, int> cases[] = {
      {"\xC0\xAF", 2},          // overlong: C0 is never valid
      {"\xED\xA0\x80", 3},      // an encoded surrogate
      {"\xF4\x90\x80\x80", 4},  // past U+10FFFF
      {"\x80", 1},              // a lone continuation byte
      {"\xC3", 1},              // cut short by the quote
      {"\xE2\x82", 1},          // a three-byte sequence missing its last
      {"\xE2\x82(", 1},         // ... then an ASCII byte, kept
  };
  for (const auto& [bad, replacements] : cases) {
    Outcome out = ParseContents(R"({"eventName":"<)" + bad + R"(>"})");
    ASSERT_TRUE(out.status.ok()) << out.status;
    std::string expected = "<";
    for (int i = 0; i < replacements; i++) expected += kFffd;
    if (bad.back() == '(') expected += "(";
    EXPECT_EQ(out.names(), expected + ">");
    EXPECT_EQ(out.file.events_with_replacements, 1u);
  }
  // Good multi-byte text is untouched and not counted.
  Outcome good = ParseContents(R"({"eventName":"é€😀"})");
  EXPECT_EQ(good.names(), "é€😀");
  EXPECT_EQ(good.file.events_with_replacements, 0u);
}

TEST(LogFileParserTest, UnpairedSurrogateEscapesAreReplaced) {
  const std::pair<std::string, std::string> cases[] = {
      {R"(a\ud800b)", "a" + kFffd + "b"},          // a high surrogate alone
      {R"(a\udc00)", "a" + kFffd},                 // a low one alone
      {R"(\ud800\u0041)", kFffd + "A"},            // a high one before a non-surrogate
      {R"(\ud800\ud800\udc00)", kFffd + "\xF0\x90\x80\x80"},  // then a good pair
      {R"(\uD83D\uDE00)", "\xF0\x9F\x98\x80"},     // a good pair, upper-case hex
      {R"(\\ud800)", "\\ud800"},                   // an escaped backslash: no escape
  };
  for (const auto& [escaped, text] : cases) {
    Outcome out = ParseContents(R"({"eventName":")" + escaped + R"("})");
    ASSERT_TRUE(out.status.ok()) << escaped << ": " << out.status;
    EXPECT_EQ(out.names(), text) << escaped;
    EXPECT_EQ(out.file.events_with_replacements, text.find(kFffd) != std::string::npos ? 1u : 0u)
        << escaped;
  }
  // In keys and in object values (kept as compact JSON text) too.
  Outcome out = ParseContents(
      R"({"eventName":"x","requestParameters":{"k\udfff":"v\ud800"},"eventI\ud800D":"1"})");
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(Cell(out.file.rows, 0, "requestparameters"),
            "{\"k" + kFffd + "\":\"v" + kFffd + "\"}");
}

TEST(LogFileParserTest, EventsWithAReplacementAreCounted) {
  const std::string bad = R"({"eventName":"\ud800","userAgent":")" "\xff" R"("})";
  struct Case {
    std::string contents;
    uint64_t events;
    uint64_t replaced;
  };
  const Case cases[] = {
      {R"({"Records":[)" + bad + "," + kEventA + "," + bad + "]}", 3, 2},
      {"[" + kEventA + "," + bad + "]", 2, 1},
      {bad + "\n" + kEventA + "\n" + bad + "\n" + kEventB + "\n", 4, 2},  // NDJSON
      {bad, 1, 1},
      // Outside any event: loaded, but no event had bad text.
      {R"({"note":"\ud800)" "\xff" R"(","Records":[)" + kEventA + "]}", 1, 0},
  };
  for (const Case& c : cases) {
    Outcome out = ParseContents(c.contents);
    ASSERT_TRUE(out.status.ok()) << c.contents << ": " << out.status;
    EXPECT_EQ(out.file.rows.row_count, c.events) << c.contents;
    EXPECT_EQ(out.file.events_with_replacements, c.replaced) << c.contents;
  }
}

TEST(LogFileParserTest, BrokenJsonWithBadTextIsStillSkippedWhole) {
  // Invalid UTF-8 outside a string, and a missing comma after bad text: the
  // repaired copy is broken too, and the reason names the byte of the file.
  EXPECT_FALSE(ParseContents(std::string(R"({"eventName":"x")") + "\xff}").status.ok());
  auto missing_comma = [](std::string_view value) {
    return R"({"Records":[{"eventName":")" + std::string(value) + R"("} )" + kEventB + "]}";
  };
  Outcome out = ParseContents(missing_comma("\xff\xff"));
  EXPECT_THAT(out.reason(), StartsWith("malformed JSON near byte "));
  // The same byte as for good text of the same length: two bytes became six.
  EXPECT_EQ(out.reason(), ParseContents(missing_comma("xx")).reason());
}

TEST(LogFileParserTest, BadStringContents) {
  EXPECT_THAT(ParseContents(R"({"eventName":"a\u12"})").reason(), HasSubstr("invalid string"));
  EXPECT_THAT(ParseContents(R"({"eventName":"a\uzzzz"})").reason(), HasSubstr("invalid string"));
  EXPECT_THAT(ParseContents(R"({"eventName":"a\q"})").reason(), HasSubstr("invalid string"));
  EXPECT_EQ(ParseContents("{\"eventName\":\"a\tb\"}").reason(),
            "malformed JSON near byte 15: unescaped control character in a string");
  EXPECT_THAT(ParseContents(std::string("{\"eventName\":\"a\0b\"}", 19)).reason(),
              HasSubstr("unescaped control character"));
}

// ---- Type mismatches ------------------------------------------------------

TEST(LogFileParserTest, RowOfTheWrongTypeIsNullAndCounted) {
  std::string text = R"({"Records":[)"
                     R"({"eventName":"a","userIdentity":"alice"},)"
                     R"({"eventName":"b","userIdentity":{"type":"T","sessionContext":5}},)"
                     R"({"eventName":"c","userIdentity":null},)"
                     R"({"eventName":"d","tlsDetails":[1]},)"
                     R"({"eventName":"e","userIdentity":"x","userIdentity":{"type":"U"}},)"
                     R"({"eventName":"f","userIdentity":true})"
                     "]}";
  Outcome out = ParseContents(text);
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "a,b,c,d,e,f");
  EXPECT_EQ(Cell(out.file.rows, 0, "useridentity.type"), std::nullopt);
  EXPECT_EQ(Cell(out.file.rows, 1, "useridentity.type"), "T");
  EXPECT_EQ(Cell(out.file.rows, 4, "useridentity.type"), "U");  // the last key wins
  auto count = [&out](std::string_view row) {
    return out.file.type_mismatches[FindStruct(row)->presence_column - kCloudTrailColumnCount];
  };
  EXPECT_EQ(count("useridentity"), 2u);  // a and f; not null (c), not replaced (e)
  EXPECT_EQ(count("useridentity.sessioncontext"), 1u);
  EXPECT_EQ(count("tlsdetails"), 1u);
  EXPECT_EQ(count("useridentity.sessioncontext.attributes"), 0u);
  // A single event, and counts that start again with each file.
  LogFileParser parser;
  ParsedLogFile file;
  ASSERT_TRUE(parser.ParseBytes(R"({"eventName":"a","tlsDetails":"x"})", &file).ok());
  EXPECT_EQ(file.type_mismatches[FindStruct("tlsdetails")->presence_column -
                                 kCloudTrailColumnCount],
            1u);
  ASSERT_TRUE(parser.ParseBytes(kRecords, &file).ok());
  for (uint64_t n : file.type_mismatches) EXPECT_EQ(n, 0u);
}

// ---- Inflation limits -------------------------------------------------------

// `count` tiny events, one per line: about 15 times their JSON as rows.
std::string TinyEvents(size_t count) {
  std::string text;
  for (size_t i = 0; i < count; i++) text += "{\"eventID\":\"a\"}\n";
  return text;
}

TEST(LogFileParserTest, GzipBombIsSkippedPastTheRatio) {
  // 80 MB of JSON from about 150 kB of gzip: past max(64 MiB, 100 times).
  std::string gz = Gzip(TinyEvents(5'000'000));
  ASSERT_LT(gz.size(), 640'000u);
  Outcome out = ParseContents(gz);
  EXPECT_EQ(out.reason(), "gzip data inflates past 64 MiB, over 100 times the file's " +
                              std::to_string(gz.size()) +
                              " bytes (real CloudTrail logs inflate at most about 15 times): a "
                              "decompression bomb?");
  // Zeros, the classic bomb, the same.
  EXPECT_THAT(ParseContents(Gzip(std::string(size_t{65} << 20, '\0'))).reason(),
              StartsWith("gzip data inflates past 64 MiB, over 100 times"));
}

TEST(LogFileParserTest, AbsoluteLimitOnOneFile) {
  LogFileParser parser(FileLimits{.max_file_bytes = 1 << 20});
  ParsedLogFile file;
  absl::Status status = parser.ParseBytes(Gzip(std::string(2 << 20, ' ')), &file);
  EXPECT_EQ(std::string(status.message()), "gzip data inflates past 1 MiB, the limit for one file (set by the memory limit: raise --memory-limit)");
  status = parser.ParseBytes(std::string(2 << 20, ' '), &file);
  EXPECT_EQ(std::string(status.message()),
            "the file's 2097152 bytes pass the 1 MiB limit for one file (set by the memory limit: raise --memory-limit)");
  // Exactly at the limit is fine.
  std::string padded = kRecords + std::string((1 << 20) - kRecords.size(), ' ');
  EXPECT_TRUE(parser.ParseBytes(Gzip(padded), &file).ok());
  EXPECT_TRUE(parser.ParseBytes(padded, &file).ok());
  EXPECT_EQ(file.rows.row_count, 2u);
}

TEST(LogFileParserTest, TinyEventsAreBoundedByTheirRowsToo) {
  // 60,000 tiny events are under 1 MiB of JSON, but about 14 MB of rows.
  LogFileParser parser(FileLimits{.max_file_bytes = 1 << 20});
  ParsedLogFile file;
  absl::Status status = parser.ParseBytes(TinyEvents(60'000), &file);
  EXPECT_EQ(std::string(status.message()),
            "its events take more memory than 1 MiB, the limit for one file (set by the memory limit: raise --memory-limit)");
  EXPECT_EQ(file.rows.row_count, 0u);
  // Under gzip, past the ratio: 5 MB of JSON (well under 64 MiB) whose
  // 300,000 events need about 70 MB.
  std::string gz = Gzip(TinyEvents(300'000));
  EXPECT_THAT(ParseContents(gz).reason(),
              StartsWith("its events take more memory than 64 MiB, over 100 times the file's"));
  // A third as many stay under both limits.
  EXPECT_TRUE(ParseContents(Gzip(TinyEvents(100'000))).status.ok());
}

TEST(LogFileParserTest, NulBytesDoNotCrash) {
  EXPECT_FALSE(ParseContents(kRecords + std::string(16, '\0')).status.ok());
  EXPECT_FALSE(ParseContents(std::string(100, '\0')).status.ok());
  EXPECT_FALSE(ParseContents(std::string("\0", 1) + kRecords).status.ok());
}

TEST(LogFileParserTest, DeepNesting) {
  auto nested = [](int depth) {
    return std::string(R"({"eventName":"x","requestParameters":)") + std::string(depth, '[') +
           std::string(depth, ']') + "}";
  };
  // The event is level 1 and requestParameters level 2, so 511 arrays fit.
  Outcome ok = ParseContents(nested(511));
  ASSERT_TRUE(ok.status.ok()) << ok.status;
  EXPECT_EQ(Cell(ok.file.rows, 0, "requestparameters"),
            std::string(511, '[') + std::string(511, ']'));
  EXPECT_THAT(ParseContents(nested(512)).reason(), HasSubstr("nesting deeper than 512 levels"));
  EXPECT_FALSE(ParseContents(nested(100000)).status.ok());
  // Unknown keys and ROW fields are walked with the same limit.
  std::string deep_unknown = std::string(R"({"eventName":"x","foo":)") + std::string(100000, '{');
  EXPECT_FALSE(ParseContents(deep_unknown).status.ok());
  std::string balanced = std::string(R"({"eventName":"x","foo":)");
  for (int i = 0; i < 5000; i++) balanced += R"({"a":)";
  balanced += "1" + std::string(5000, '}') + "}";
  EXPECT_THAT(ParseContents(balanced).reason(), HasSubstr("nesting deeper"));
  EXPECT_FALSE(ParseContents(std::string(100000, '[')).status.ok());
}

TEST(LogFileParserTest, TenMegabyteSingleLineRecord) {
  std::string big(10 << 20, 'x');
  for (size_t i = 0; i < big.size(); i += 1000) big[i] = '"';  // escaped below
  std::string escaped;
  for (char c : big) escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
  std::string text = R"({"Records":[{"eventName":"Big","requestParameters":{"blob":")" + escaped +
                     R"(","n":1.50}},)" + kEventB + "]}";
  Outcome out = ParseContents(text);
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(out.names(), "Big,B");
  EXPECT_EQ(Cell(out.file.rows, 0, "requestparameters"),
            R"({"blob":")" + escaped + R"(","n":1.50})");
  // And gzip'ed.
  Outcome gz = ParseContents(Gzip(text));
  ASSERT_TRUE(gz.status.ok()) << gz.status;
  EXPECT_EQ(gz.file.rows.row_count, 2u);
}

TEST(LogFileParserTest, HugeStringValue) {
  std::string text = R"({"eventName":")" + std::string(20 << 20, 'n') + R"("})";
  Outcome out = ParseContents(text);
  ASSERT_TRUE(out.status.ok()) << out.status;
  EXPECT_EQ(Cell(out.file.rows, 0, "eventname")->size(), size_t{20} << 20);
}

TEST(LogFileParserTest, TruncatedAndCorruptGzip) {
  std::string gz = Gzip(kRecords);
  EXPECT_THAT(ParseContents(gz.substr(0, gz.size() - 5)).reason(),
              StartsWith("gzip data is corrupt or truncated"));
  EXPECT_THAT(ParseContents(gz.substr(0, 12)).reason(), StartsWith("gzip data is truncated"));
  EXPECT_THAT(ParseContents("\x1f\x8b").reason(), StartsWith("gzip data is truncated"));
  std::string corrupt = gz;
  corrupt[gz.size() / 2] ^= 0x55;
  EXPECT_THAT(ParseContents(corrupt).reason(), StartsWith("gzip data is corrupt or truncated"));
  std::string bad_crc = gz;
  bad_crc[gz.size() - 6] ^= 1;
  EXPECT_THAT(ParseContents(bad_crc).reason(), StartsWith("gzip data is corrupt or truncated"));
}

TEST(LogFileParserTest, TrailingBytesAfterGzip) {
  std::string gz = Gzip(kRecords);
  Outcome zeros = ParseContents(gz + std::string(512, '\0'));
  ASSERT_TRUE(zeros.status.ok()) << zeros.status;
  EXPECT_EQ(zeros.names(), "A,B");
  EXPECT_EQ(ParseContents(gz + "junk").reason(),
            "unexpected bytes after gzip data at byte " + std::to_string(gz.size()));
}

TEST(LogFileParserTest, EveryPrefixAndMutationIsHandled) {
  // Not a fuzzer, but cheap: no prefix or byte flip of a good file may
  // crash, and a skipped file yields no rows (checked in ParseContents).
  std::string text = R"({"Records":[{"eventName":"A","userIdentity":{"type":"T","sessionContext":)"
                     R"({"attributes":{"mfaAuthenticated":"false"}}},"requestParameters":{"k":[1,)"
                     R"(2.5,true,null,"\u00e9"]},"readOnly":false}]})";
  for (size_t size = 0; size < text.size(); size++) ParseContents(text.substr(0, size));
  std::string gz = Gzip(text);
  for (size_t size = 0; size < gz.size(); size++) ParseContents(gz.substr(0, size));
  std::mt19937 random(42);
  for (int i = 0; i < 3000; i++) {
    std::string mutated = text;
    int flips = 1 + static_cast<int>(random() % 3);
    for (int k = 0; k < flips; k++) {
      mutated[random() % mutated.size()] = static_cast<char>(random() % 256);
    }
    ParseContents(mutated);
  }
}

TEST(LogFileParserTest, ParserIsReusableAfterErrors) {
  LogFileParser parser;
  ParsedLogFile file;
  EXPECT_TRUE(parser.ParseBytes(kRecords, &file).ok());
  EXPECT_EQ(file.rows.row_count, 2u);
  EXPECT_FALSE(parser.ParseBytes("{\"Records\":[" + kEventA, &file).ok());
  EXPECT_EQ(file.rows.row_count, 0u);
  EXPECT_TRUE(parser.ParseBytes(Gzip(kEventB), &file).ok());
  ASSERT_EQ(file.rows.row_count, 1u);
  EXPECT_EQ(Cell(file.rows, 0, "eventname"), "B");
  EXPECT_TRUE(parser.ParseBytes(kRecords, &file).ok());
  EXPECT_EQ(file.rows.row_count, 2u);
}

TEST(LogFileParserTest, MissingFile) {
  LogFileParser parser;
  ParsedLogFile file;
  uint64_t bytes_read = 7;
  absl::Status status = parser.ParseFile("/nonexistent/ctq/file.json", &file, &bytes_read);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("cannot open file"));
  EXPECT_EQ(bytes_read, 0u);
}

}  // namespace
}  // namespace ctq
