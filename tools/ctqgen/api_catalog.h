#pragma once

// The API calls ctqgen emits: eventSource, eventName, how often each is called, and which
// requestParameters shape goes with it.

#include <cstdint>
#include <string_view>

#include "tools/ctqgen/prng.h"

namespace ctq::gen {

enum class Service : uint8_t {
  kEc2,
  kS3,
  kIam,
  kSts,
  kKms,
  kCloudTrail,
  kLambda,
  kRds,
  kCloudWatch,
  kLogs,
  kDynamoDb,
  kAutoScaling,
  kElb,
  kCloudFormation,
  kSsm,
};

// The requestParameters/responseElements/resources layout of a call. Several calls share one.
enum class CallShape : uint8_t {
  kNull,
  kEc2DescribeInstances,
  kEc2DescribeInstanceStatus,
  kEc2DescribeSecurityGroups,
  kEc2DescribeVolumes,
  kEc2DescribeSnapshots,
  kEc2DescribeImages,
  kEc2DescribeVpcs,
  kEc2DescribeNetworkInterfaces,
  kEc2DescribeRegions,
  kEc2DescribeTags,
  kEc2RunInstances,
  kEc2InstanceState,
  kEc2CreateTags,
  kEc2AuthorizeIngress,
  kEc2ModifyNetworkInterface,
  kEc2CreateSecurityGroup,
  kS3Object,
  kS3BucketSubresource,
  kS3ListObjects,
  kS3ListBuckets,
  kS3TrailDelivery,
  kIamUserName,
  kIamRoleName,
  kIamCreateAccessKey,
  kIamAttachUserPolicy,
  kStsAssumeRole,
  kStsGetSessionToken,
  kKmsDataKey,
  kKmsDecrypt,
  kKmsKeyId,
  kKmsRotateKey,
  kCloudTrailLookupEvents,
  kCloudTrailTrail,
  kLambdaFunction,
  kRdsDbInstance,
  kCloudWatchAlarms,
  kCloudWatchMetricStatistics,
  kLogsGroup,
  kDynamoDbTable,
  kAutoScalingGroups,
  kCloudFormationStack,
  kSsmGetParameters,
};

struct ApiSpec {
  Service service;
  std::string_view event_source;
  std::string_view event_name;
  CallShape shape;
  uint32_t weight;
  bool read_only;
  bool data_event;            // S3 object-level calls: eventCategory "Data".
  std::string_view argument;  // Shape-specific: the S3 subresource ("acl", "policy", ...).
};

// A call made by an AWS service on the account's behalf (userIdentity type AWSService).
struct ServiceCallSpec {
  ApiSpec api;
  std::string_view invoked_by;
};

// Draws a call as people and their tools make them: Describe*/Get*/List* dominate.
const ApiSpec& PickHumanCall(Rng& rng);
// Draws a call made by an AWS service (CloudTrail's own GetBucketAcl/PutObject, ...).
const ServiceCallSpec& PickServiceCall(Rng& rng);
// Draws an AwsServiceEvent call (KMS key rotation), whose userIdentity has no type.
const ServiceCallSpec& PickServiceEvent(Rng& rng);

// The IAM action prefix ("ec2", "s3", "cloudwatch") used in AccessDenied messages.
std::string_view ActionPrefix(Service service);
// The apiVersion member some services add ("2015-03-31" for Lambda), or empty.
std::string_view ApiVersion(Service service);
// True for global services whose endpoint has no region (iam.amazonaws.com).
bool IsGlobal(Service service);

}  // namespace ctq::gen
