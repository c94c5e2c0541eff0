#include "storage/cloudtrail_schema.h"

#include <array>

namespace ctq {
namespace {

// Depth-first order through the ROW fields; this is also `SELECT *` order.
constexpr std::array<ColumnSpec, kCloudTrailColumnCount> kColumns = {{
    {"eventversion", "eventVersion", false, true},
    {"useridentity.type", "userIdentity.type", false, true},
    {"useridentity.principalid", "userIdentity.principalId", false, false},
    {"useridentity.arn", "userIdentity.arn", false, false},
    {"useridentity.accountid", "userIdentity.accountId", false, true},
    {"useridentity.invokedby", "userIdentity.invokedBy", false, true},
    {"useridentity.accesskeyid", "userIdentity.accessKeyId", false, false},
    {"useridentity.username", "userIdentity.userName", false, true},
    {"useridentity.sessioncontext.attributes.mfaauthenticated",
     "userIdentity.sessionContext.attributes.mfaAuthenticated", false, true},
    {"useridentity.sessioncontext.attributes.creationdate",
     "userIdentity.sessionContext.attributes.creationDate", false, false},
    {"useridentity.sessioncontext.sessionissuer.type",
     "userIdentity.sessionContext.sessionIssuer.type", false, true},
    {"useridentity.sessioncontext.sessionissuer.principalid",
     "userIdentity.sessionContext.sessionIssuer.principalId", false, true},
    {"useridentity.sessioncontext.sessionissuer.arn",
     "userIdentity.sessionContext.sessionIssuer.arn", false, true},
    {"useridentity.sessioncontext.sessionissuer.accountid",
     "userIdentity.sessionContext.sessionIssuer.accountId", false, true},
    {"useridentity.sessioncontext.sessionissuer.username",
     "userIdentity.sessionContext.sessionIssuer.userName", false, true},
    {"eventtime", "eventTime", false, false},
    {"eventsource", "eventSource", false, true},
    {"eventname", "eventName", false, true},
    {"awsregion", "awsRegion", false, true},
    {"sourceipaddress", "sourceIPAddress", false, true},
    {"useragent", "userAgent", false, true},
    {"errorcode", "errorCode", false, true},
    {"errormessage", "errorMessage", false, false},
    {"requestparameters", "requestParameters", true, false},
    {"responseelements", "responseElements", true, false},
    {"additionaleventdata", "additionalEventData", true, false},
    {"requestid", "requestID", false, false},
    {"eventid", "eventID", false, false},
    {"resources", "resources", true, false},
    {"eventtype", "eventType", false, true},
    {"apiversion", "apiVersion", false, true},
    {"readonly", "readOnly", false, true},
    {"recipientaccountid", "recipientAccountId", false, true},
    {"serviceeventdetails", "serviceEventDetails", true, false},
    {"sharedeventid", "sharedEventID", false, false},
    {"vpcendpointid", "vpcEndpointId", false, true},
    {"eventcategory", "eventCategory", false, true},
    {"managementevent", "managementEvent", false, true},
    {"sessioncredentialfromconsole", "sessionCredentialFromConsole", false, true},
    {"tlsdetails.tlsversion", "tlsDetails.tlsVersion", false, true},
    {"tlsdetails.ciphersuite", "tlsDetails.cipherSuite", false, true},
    {"tlsdetails.clientprovidedhostheader", "tlsDetails.clientProvidedHostHeader", false, true},
}};

constexpr std::array<StructSpec, kStructCount> kStructs = {{
    {"useridentity", 1, 14, kCloudTrailColumnCount + 0},
    {"useridentity.sessioncontext", 8, 7, kCloudTrailColumnCount + 1},
    {"useridentity.sessioncontext.attributes", 8, 2, kCloudTrailColumnCount + 2},
    {"useridentity.sessioncontext.sessionissuer", 10, 5, kCloudTrailColumnCount + 3},
    {"tlsdetails", 39, 3, kCloudTrailColumnCount + 4},
}};

constexpr std::array<std::string_view, 27> kTopLevel = {
    "eventversion",      "useridentity",      "eventtime",           "eventsource",
    "eventname",         "awsregion",         "sourceipaddress",     "useragent",
    "errorcode",         "errormessage",      "requestparameters",   "responseelements",
    "additionaleventdata", "requestid",       "eventid",             "resources",
    "eventtype",         "apiversion",        "readonly",            "recipientaccountid",
    "serviceeventdetails", "sharedeventid",   "vpcendpointid",       "eventcategory",
    "managementevent",   "sessioncredentialfromconsole", "tlsdetails",
};

constexpr PartitionColumnSpec Partition(std::string_view name, PartitionField field) {
  return {name, field, PartitionStoredColumn(field)};
}

constexpr std::array<PartitionColumnSpec, 8> kPartitionNames = {{
    Partition("account_partition", PartitionField::kAccount),
    Partition("region_partition", PartitionField::kRegion),
    Partition("date_partition", PartitionField::kDate),
    Partition("region", PartitionField::kRegion),
    Partition("year", PartitionField::kYear),
    Partition("month", PartitionField::kMonth),
    Partition("day", PartitionField::kDay),
    Partition("timestamp", PartitionField::kDate),
}};

// The name EXPLAIN and `ctq info` give each partition field's column.
constexpr std::array<std::string_view, kPartitionFieldCount> kPartitionFieldNames = {
    "account_partition", "region", "date_partition", "year", "month", "day"};

}  // namespace

std::span<const ColumnSpec> CloudTrailColumns() { return kColumns; }

std::span<const PartitionColumnSpec> PartitionColumns() { return kPartitionNames; }

std::optional<int> FindPartitionColumn(std::string_view name) {
  for (const PartitionColumnSpec& spec : kPartitionNames) {
    if (spec.sql_name == name) return spec.stored_column;
  }
  return std::nullopt;
}

bool StoredColumnIsLowCardinality(int column) {
  if (column < kCloudTrailColumnCount) return kColumns[column].low_cardinality;
  return column >= kEventColumnCount;
}

std::optional<int> FindColumn(std::string_view dotted_name) {
  for (int i = 0; i < kCloudTrailColumnCount; i++) {
    if (kColumns[i].sql_name == dotted_name) return i;
  }
  return std::nullopt;
}

std::optional<StructSpec> FindStruct(std::string_view dotted_name) {
  for (const StructSpec& spec : kStructs) {
    if (spec.sql_name == dotted_name) return spec;
  }
  return std::nullopt;
}

std::span<const std::string_view> CloudTrailTopLevelColumns() { return kTopLevel; }

std::string StoredColumnName(int column) {
  if (column < kCloudTrailColumnCount) return std::string(kColumns[column].sql_name);
  if (column >= kEventColumnCount && column < kStoredColumnCount) {
    return std::string(kPartitionFieldNames[column - kEventColumnCount]);
  }
  for (const StructSpec& spec : kStructs) {
    if (spec.presence_column == column) return std::string(spec.sql_name) + " present";
  }
  return "?";
}

}  // namespace ctq
