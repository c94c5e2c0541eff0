#include "tools/ctqgen/api_catalog.h"

#include "tools/ctqgen/weighted_choice.h"

namespace ctq::gen {
namespace {

using S = Service;
using C = CallShape;

constexpr std::string_view kEc2 = "ec2.amazonaws.com";
constexpr std::string_view kS3 = "s3.amazonaws.com";
constexpr std::string_view kIam = "iam.amazonaws.com";
constexpr std::string_view kSts = "sts.amazonaws.com";
constexpr std::string_view kKms = "kms.amazonaws.com";
constexpr std::string_view kTrail = "cloudtrail.amazonaws.com";
constexpr std::string_view kLogs = "logs.amazonaws.com";

// Weights are relative call counts. The skew follows the real samples: EC2 Describe* and S3
// object reads dominate, writes are rare.
constexpr ApiSpec kHumanCalls[] = {
    {S::kEc2, kEc2, "DescribeInstances", C::kEc2DescribeInstances, 120, true, false, ""},
    {S::kEc2, kEc2, "DescribeInstanceStatus", C::kEc2DescribeInstanceStatus, 25, true, false, ""},
    {S::kEc2, kEc2, "DescribeSecurityGroups", C::kEc2DescribeSecurityGroups, 40, true, false, ""},
    {S::kEc2, kEc2, "DescribeVolumes", C::kEc2DescribeVolumes, 25, true, false, ""},
    {S::kEc2, kEc2, "DescribeSnapshots", C::kEc2DescribeSnapshots, 12, true, false, ""},
    {S::kEc2, kEc2, "DescribeImages", C::kEc2DescribeImages, 10, true, false, ""},
    {S::kEc2, kEc2, "DescribeVpcs", C::kEc2DescribeVpcs, 12, true, false, ""},
    {S::kEc2, kEc2, "DescribeSubnets", C::kEc2DescribeVpcs, 12, true, false, "subnetSet"},
    {S::kEc2, kEc2, "DescribeNetworkInterfaces", C::kEc2DescribeNetworkInterfaces, 8, true, false,
     ""},
    {S::kEc2, kEc2, "DescribeRegions", C::kEc2DescribeRegions, 8, true, false, ""},
    {S::kEc2, kEc2, "DescribeTags", C::kEc2DescribeTags, 8, true, false, ""},
    {S::kEc2, kEc2, "DescribeKeyPairs", C::kNull, 5, true, false, ""},
    {S::kEc2, kEc2, "DescribeAddresses", C::kNull, 6, true, false, ""},
    {S::kEc2, kEc2, "RunInstances", C::kEc2RunInstances, 2, false, false, ""},
    {S::kEc2, kEc2, "StartInstances", C::kEc2InstanceState, 3, false, false, ""},
    {S::kEc2, kEc2, "StopInstances", C::kEc2InstanceState, 3, false, false, ""},
    {S::kEc2, kEc2, "TerminateInstances", C::kEc2InstanceState, 1, false, false, ""},
    {S::kEc2, kEc2, "CreateTags", C::kEc2CreateTags, 5, false, false, ""},
    {S::kEc2, kEc2, "AuthorizeSecurityGroupIngress", C::kEc2AuthorizeIngress, 1, false, false, ""},
    {S::kEc2, kEc2, "ModifyNetworkInterfaceAttribute", C::kEc2ModifyNetworkInterface, 1, false,
     false, ""},
    {S::kEc2, kEc2, "CreateSecurityGroup", C::kEc2CreateSecurityGroup, 1, false, false, ""},
    {S::kS3, kS3, "GetObject", C::kS3Object, 50, true, true, ""},
    {S::kS3, kS3, "PutObject", C::kS3Object, 38, false, true, ""},
    {S::kS3, kS3, "HeadObject", C::kS3Object, 10, true, true, ""},
    {S::kS3, kS3, "DeleteObject", C::kS3Object, 5, false, true, ""},
    {S::kS3, kS3, "ListObjects", C::kS3ListObjects, 15, true, true, ""},
    {S::kS3, kS3, "GetBucketAcl", C::kS3BucketSubresource, 25, true, false, "acl"},
    {S::kS3, kS3, "GetBucketLocation", C::kS3BucketSubresource, 12, true, false, "location"},
    {S::kS3, kS3, "GetBucketPolicy", C::kS3BucketSubresource, 6, true, false, "policy"},
    {S::kS3, kS3, "GetBucketVersioning", C::kS3BucketSubresource, 5, true, false, "versioning"},
    {S::kS3, kS3, "ListBuckets", C::kS3ListBuckets, 12, true, false, ""},
    {S::kIam, kIam, "GetUser", C::kIamUserName, 10, true, false, ""},
    {S::kIam, kIam, "ListUsers", C::kNull, 6, true, false, ""},
    {S::kIam, kIam, "ListRoles", C::kNull, 5, true, false, ""},
    {S::kIam, kIam, "GetRole", C::kIamRoleName, 5, true, false, ""},
    {S::kIam, kIam, "ListAccessKeys", C::kIamUserName, 5, true, false, ""},
    {S::kIam, kIam, "ListAttachedUserPolicies", C::kIamUserName, 4, true, false, ""},
    {S::kIam, kIam, "ListMFADevices", C::kIamUserName, 3, true, false, ""},
    {S::kIam, kIam, "GetAccountPasswordPolicy", C::kNull, 2, true, false, ""},
    {S::kIam, kIam, "CreateAccessKey", C::kIamCreateAccessKey, 1, false, false, ""},
    {S::kIam, kIam, "AttachUserPolicy", C::kIamAttachUserPolicy, 1, false, false, ""},
    {S::kSts, kSts, "AssumeRole", C::kStsAssumeRole, 22, false, false, ""},
    {S::kSts, kSts, "GetCallerIdentity", C::kNull, 15, true, false, ""},
    {S::kSts, kSts, "GetSessionToken", C::kStsGetSessionToken, 4, true, false, ""},
    {S::kKms, kKms, "Decrypt", C::kKmsDecrypt, 25, true, false, ""},
    {S::kKms, kKms, "GenerateDataKey", C::kKmsDataKey, 18, true, false, ""},
    {S::kKms, kKms, "Encrypt", C::kKmsDataKey, 4, true, false, ""},
    {S::kKms, kKms, "DescribeKey", C::kKmsKeyId, 5, true, false, ""},
    {S::kKms, kKms, "ListAliases", C::kNull, 4, true, false, ""},
    {S::kCloudTrail, kTrail, "LookupEvents", C::kCloudTrailLookupEvents, 8, true, false, ""},
    {S::kCloudTrail, kTrail, "DescribeTrails", C::kNull, 6, true, false, ""},
    {S::kCloudTrail, kTrail, "GetTrailStatus", C::kCloudTrailTrail, 4, true, false, ""},
    {S::kLambda, "lambda.amazonaws.com", "ListFunctions20150331", C::kNull, 6, true, false, ""},
    {S::kLambda, "lambda.amazonaws.com", "GetFunction20150331v2", C::kLambdaFunction, 4, true,
     false, ""},
    {S::kLambda, "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", C::kLambdaFunction, 1,
     false, false, "code"},
    {S::kRds, "rds.amazonaws.com", "DescribeDBInstances", C::kRdsDbInstance, 8, true, false, ""},
    {S::kRds, "rds.amazonaws.com", "DescribeDBSnapshots", C::kRdsDbInstance, 3, true, false,
     "snapshots"},
    {S::kCloudWatch, "monitoring.amazonaws.com", "DescribeAlarms", C::kCloudWatchAlarms, 6, true,
     false, ""},
    {S::kCloudWatch, "monitoring.amazonaws.com", "GetMetricStatistics",
     C::kCloudWatchMetricStatistics, 5, true, false, ""},
    {S::kLogs, kLogs, "DescribeLogGroups", C::kNull, 5, true, false, ""},
    {S::kLogs, kLogs, "FilterLogEvents", C::kLogsGroup, 2, true, false, "filter"},
    {S::kDynamoDb, "dynamodb.amazonaws.com", "DescribeTable", C::kDynamoDbTable, 4, true, false,
     ""},
    {S::kDynamoDb, "dynamodb.amazonaws.com", "ListTables", C::kNull, 3, true, false, ""},
    {S::kAutoScaling, "autoscaling.amazonaws.com", "DescribeAutoScalingGroups",
     C::kAutoScalingGroups, 5, true, false, ""},
    {S::kElb, "elasticloadbalancing.amazonaws.com", "DescribeLoadBalancers", C::kNull, 5, true,
     false, ""},
    {S::kCloudFormation, "cloudformation.amazonaws.com", "DescribeStacks", C::kCloudFormationStack,
     4, true, false, ""},
    {S::kCloudFormation, "cloudformation.amazonaws.com", "ListStacks", C::kNull, 2, true, false,
     ""},
    {S::kSsm, "ssm.amazonaws.com", "GetParameters", C::kSsmGetParameters, 6, true, false, ""},
    {S::kSsm, "ssm.amazonaws.com", "DescribeInstanceInformation", C::kNull, 3, true, false, ""},
};

constexpr ServiceCallSpec kServiceCalls[] = {
    {{S::kS3, kS3, "GetBucketAcl", C::kS3BucketSubresource, 30, true, false, "trail-acl"},
     "cloudtrail.amazonaws.com"},
    {{S::kS3, kS3, "PutObject", C::kS3TrailDelivery, 20, false, true, ""},
     "cloudtrail.amazonaws.com"},
    {{S::kKms, kKms, "GenerateDataKey", C::kKmsDataKey, 6, true, false, ""},
     "cloudtrail.amazonaws.com"},
    {{S::kSts, kSts, "AssumeRole", C::kStsAssumeRole, 8, false, false, "service"},
     "lambda.amazonaws.com"},
    {{S::kSts, kSts, "AssumeRole", C::kStsAssumeRole, 6, false, false, "service"},
     "ec2.amazonaws.com"},
    {{S::kSts, kSts, "AssumeRole", C::kStsAssumeRole, 3, false, false, "service"},
     "ecs-tasks.amazonaws.com"},
    {{S::kSts, kSts, "AssumeRole", C::kStsAssumeRole, 3, false, false, "service"},
     "config.amazonaws.com"},
    {{S::kLogs, kLogs, "CreateLogStream", C::kLogsGroup, 5, false, false, "stream"},
     "cloudtrail.amazonaws.com"},
    {{S::kKms, kKms, "Decrypt", C::kKmsDecrypt, 4, true, false, ""}, "s3.amazonaws.com"},
};

constexpr ServiceCallSpec kServiceEvents[] = {
    {{S::kKms, kKms, "RotateKey", C::kKmsRotateKey, 1, false, false, ""}, "kms.amazonaws.com"},
};

template <typename T, size_t N>
WeightedChoice ChoiceOf(const T (&entries)[N], uint32_t (*weight)(const T&)) {
  WeightedChoice choice;
  for (const T& entry : entries) choice.Add(weight(entry));
  return choice;
}

}  // namespace

const ApiSpec& PickHumanCall(Rng& rng) {
  static const WeightedChoice choice = ChoiceOf(
      kHumanCalls, +[](const ApiSpec& spec) { return spec.weight; });
  return kHumanCalls[choice.Pick(rng)];
}

const ServiceCallSpec& PickServiceCall(Rng& rng) {
  static const WeightedChoice choice = ChoiceOf(
      kServiceCalls, +[](const ServiceCallSpec& spec) { return spec.api.weight; });
  return kServiceCalls[choice.Pick(rng)];
}

const ServiceCallSpec& PickServiceEvent(Rng& rng) {
  return kServiceEvents[rng.Below(std::size(kServiceEvents))];
}

std::string_view ActionPrefix(Service service) {
  switch (service) {
    case S::kEc2:
      return "ec2";
    case S::kS3:
      return "s3";
    case S::kIam:
      return "iam";
    case S::kSts:
      return "sts";
    case S::kKms:
      return "kms";
    case S::kCloudTrail:
      return "cloudtrail";
    case S::kLambda:
      return "lambda";
    case S::kRds:
      return "rds";
    case S::kCloudWatch:
      return "cloudwatch";
    case S::kLogs:
      return "logs";
    case S::kDynamoDb:
      return "dynamodb";
    case S::kAutoScaling:
      return "autoscaling";
    case S::kElb:
      return "elasticloadbalancing";
    case S::kCloudFormation:
      return "cloudformation";
    case S::kSsm:
      return "ssm";
  }
  return "";
}

std::string_view ApiVersion(Service service) {
  switch (service) {
    case S::kLambda:
      return "2015-03-31";
    case S::kDynamoDb:
      return "2012-08-10";
    case S::kLogs:
      return "20140328";
    default:
      return "";
  }
}

bool IsGlobal(Service service) { return service == S::kIam; }

}  // namespace ctq::gen
