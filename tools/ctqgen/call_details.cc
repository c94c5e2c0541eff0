#include "tools/ctqgen/call_details.h"

#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/json_writer.h"
#include "tools/ctqgen/random_ids.h"
#include "ctq/internal/strings.h"

namespace ctq::gen {
namespace {

const std::string& SomeUser(const CallContext& context, Rng& rng) {
  return context.account->users[rng.Below(40)].name;
}

// The role a service assumes on the account's behalf; indices follow kRoles in
// account_pool.cc (ec2-app-server, orders-processor-exec, ci-deploy, config-role).
size_t ServiceRole(std::string_view service) {
  if (service == "ec2.amazonaws.com") return 5;
  if (service == "lambda.amazonaws.com") return 6;
  if (service == "config.amazonaws.com") return 12;
  return 4;
}

void WriteCredentials(const CallContext& context, int64_t lifetime, Rng& rng, JsonWriter& json) {
  std::string text = "ASIA";
  AppendIamIdChars(rng, 16, &text);
  json.Key("credentials");
  json.BeginObject();
  json.Field("accessKeyId", text);
  text.clear();
  AppendJavaTime(context.time + lifetime, &text);
  json.Field("expiration", text);
  text = "FQoDYXdzE";
  AppendBase64(rng, 150, &text);
  json.Field("sessionToken", text);
  json.EndObject();
}

void WriteAssumeRole(const ApiSpec& api, const CallContext& context, Rng& rng,
                     CallDetails* details) {
  const Account& account = *context.account;
  const Role& role = account.roles[api.argument == "service" ? ServiceRole(context.invoked_by)
                                                             : account.role_choice.Pick(rng)];
  std::string session;
  if (api.argument == "service") {
    session = StrCat(context.time * 1000 + rng.Below(1000));
  } else if (rng.Percent(60)) {
    session = std::string(context.caller_name);
  } else {
    session = StrCat("botocore-session-", context.time - rng.Below(100));
  }
  details->error_resource = role.arn;
  JsonWriter request(&details->request);
  request.BeginObject();
  request.Field("roleArn", role.arn);
  request.Field("roleSessionName", session);
  request.IntField("durationSeconds", 3600);
  request.EndObject();

  details->response.clear();
  JsonWriter response(&details->response);
  response.BeginObject();
  WriteCredentials(context, 3600, rng, response);
  response.Key("assumedRoleUser");
  response.BeginObject();
  response.Field("assumedRoleId", StrCat(role.principal_id, ":", session));
  response.Field("arn",
                 StrCat("arn:aws:sts::", account.id, ":assumed-role/", role.name, "/", session));
  response.EndObject();
  response.EndObject();

  JsonWriter resources(&details->resources);
  resources.BeginArray();
  WriteResource(account.id, "AWS::IAM::Role", role.arn, resources);
  resources.EndArray();
}

void WriteKmsCall(const ApiSpec& api, const CallContext& context, Rng& rng, CallDetails* details) {
  const Account& account = *context.account;
  const std::string& key_id = account.kms_key_ids[rng.Below(account.kms_key_ids.size())];
  const std::string key_arn =
      StrCat("arn:aws:kms:", context.region, ":", account.id, ":key/", key_id);
  details->error_resource = key_arn;
  JsonWriter json(&details->request);
  if (api.shape == CallShape::kKmsRotateKey) {
    json.Null();
  } else {
    json.BeginObject();
    if (api.shape != CallShape::kKmsDecrypt) {
      json.Field("keyId", rng.Percent(50) ? std::string_view(key_arn) : "alias/aws/s3");
    }
    if (api.event_name == "GenerateDataKey") json.Field("keySpec", "AES_256");
    if (api.shape != CallShape::kKmsKeyId) {
      json.Key("encryptionContext");
      json.BeginObject();
      if (context.invoked_by == "cloudtrail.amazonaws.com") {
        json.Field("aws:cloudtrail:arn",
                   StrCat("arn:aws:cloudtrail:us-east-1:", account.id, ":trail/management-events"));
      } else {
        json.Field("aws:s3:arn", StrCat("arn:aws:s3:::", account.buckets[rng.Below(3)],
                                        "/data/part-", rng.Between(10000, 99999), ".parquet"));
      }
      json.EndObject();
    }
    json.EndObject();
  }
  JsonWriter resources(&details->resources);
  resources.BeginArray();
  WriteResource(account.id, "AWS::KMS::Key", key_arn, resources);
  resources.EndArray();
}

void WriteLambdaCall(const ApiSpec& api, const CallContext& context, Rng& rng,
                     CallDetails* details) {
  const Account& account = *context.account;
  const std::string& function = account.functions[rng.Below(account.functions.size())];
  const std::string arn =
      StrCat("arn:aws:lambda:", context.region, ":", account.id, ":function:", function);
  details->error_resource = arn;
  JsonWriter json(&details->request);
  json.BeginObject();
  json.Field("functionName", function);
  if (api.argument == "code") {
    json.BoolField("publish", false);
    json.BoolField("dryRun", false);
    details->response.clear();
    JsonWriter response(&details->response);
    response.BeginObject();
    response.Field("functionName", function);
    response.Field("functionArn", arn);
    response.Field("runtime", "python2.7");
    response.Field("role", account.roles[6].arn);
    response.Field("handler", "index.handler");
    response.IntField("codeSize", rng.Between(800, 5000000));
    response.Field("description", "");
    response.IntField("timeout", 30);
    response.IntField("memorySize", 128);
    std::string text;
    AppendIsoTime(context.time, &text);
    response.Field("lastModified", text);
    text.clear();
    AppendBase64(rng, 43, &text);
    text.push_back('=');
    response.Field("codeSha256", text);
    response.Field("version", "$LATEST");
    response.EndObject();
  }
  json.EndObject();
}

// Shapes of the smaller services: one short object each.
void WriteSimpleCall(const ApiSpec& api, const CallContext& context, Rng& rng,
                     CallDetails* details) {
  const Account& account = *context.account;
  JsonWriter json(&details->request);
  json.BeginObject();
  switch (api.shape) {
    case CallShape::kIamUserName: {
      const std::string user = rng.Percent(50) && !context.caller_name.empty()
                                   ? std::string(context.caller_name)
                                   : SomeUser(context, rng);
      json.Field("userName", user);
      details->error_resource = StrCat("arn:aws:iam::", account.id, ":user/", user);
      break;
    }
    case CallShape::kIamRoleName: {
      const Role& role = account.roles[rng.Below(account.roles.size())];
      json.Field("roleName", role.name);
      details->error_resource = role.arn;
      break;
    }
    case CallShape::kIamCreateAccessKey: {
      const std::string& user = SomeUser(context, rng);
      json.Field("userName", user);
      std::string key = "AKIA";
      AppendIamIdChars(rng, 16, &key);
      std::string created;
      AppendJavaTime(context.time, &created);
      details->response.clear();
      JsonWriter response(&details->response);
      response.BeginObject();
      response.Key("accessKey");
      response.BeginObject();
      response.Field("accessKeyId", key);
      response.Field("status", "Active");
      response.Field("userName", user);
      response.Field("createDate", created);
      response.EndObject();
      response.EndObject();
      break;
    }
    case CallShape::kIamAttachUserPolicy:
      json.Field("userName", SomeUser(context, rng));
      json.Field("policyArn", rng.Percent(70) ? "arn:aws:iam::aws:policy/ReadOnlyAccess"
                                              : "arn:aws:iam::aws:policy/AdministratorAccess");
      break;
    case CallShape::kStsGetSessionToken:
      json.IntField("durationSeconds", 43200);
      details->response.clear();
      {
        JsonWriter response(&details->response);
        response.BeginObject();
        WriteCredentials(context, 43200, rng, response);
        response.EndObject();
      }
      break;
    case CallShape::kCloudTrailLookupEvents:
      if (rng.Percent(60)) {
        json.Key("lookupAttributes");
        json.BeginArray();
        json.BeginObject();
        json.Field("attributeKey", "EventName");
        json.Field("attributeValue", rng.Percent(50) ? "ConsoleLogin" : "RunInstances");
        json.EndObject();
        json.EndArray();
      } else {
        std::string text;
        AppendJavaTime(context.time - 86400, &text);
        json.Field("startTime", text);
        text.clear();
        AppendJavaTime(context.time, &text);
        json.Field("endTime", text);
      }
      json.IntField("maxResults", 50);
      break;
    case CallShape::kCloudTrailTrail:
      json.Field("name",
                 StrCat("arn:aws:cloudtrail:us-east-1:", account.id, ":trail/management-events"));
      break;
    case CallShape::kRdsDbInstance:
      json.Field("dBInstanceIdentifier", account.db_instances[rng.Below(4)]);
      if (!api.argument.empty()) {
        json.Field("snapshotType", "automated");
        json.BoolField("includeShared", false);
        json.BoolField("includePublic", false);
      }
      break;
    case CallShape::kCloudWatchAlarms:
      if (rng.Percent(50)) {
        json.Field("stateValue", "ALARM");
      } else {
        json.IntField("maxRecords", 100);
      }
      break;
    case CallShape::kCloudWatchMetricStatistics: {
      json.Field("namespace", "AWS/EC2");
      json.Field("metricName", rng.Percent(70) ? "CPUUtilization" : "NetworkIn");
      json.Key("dimensions");
      json.BeginArray();
      json.BeginObject();
      json.Field("name", "InstanceId");
      json.Field("value", account.instance_ids[rng.Below(account.instance_ids.size())]);
      json.EndObject();
      json.EndArray();
      std::string text;
      AppendJavaTime(context.time - 3 * 3600, &text);
      json.Field("startTime", text);
      text.clear();
      AppendJavaTime(context.time, &text);
      json.Field("endTime", text);
      json.IntField("period", 300);
      json.Key("statistics");
      json.BeginArray();
      json.String("Average");
      json.EndArray();
      break;
    }
    case CallShape::kLogsGroup:
      if (api.argument == "stream") {
        json.Field("logGroupName", "CloudTrail/DefaultLogGroup");
        json.Field("logStreamName", StrCat(account.id, "_CloudTrail_", context.region));
      } else {
        json.Field("logGroupName", account.log_groups[rng.Below(account.log_groups.size())]);
        json.IntField("startTime", (context.time - 3600) * 1000);
        json.BoolField("interleaved", true);
      }
      break;
    case CallShape::kDynamoDbTable:
      json.Field("tableName", account.tables[rng.Below(account.tables.size())]);
      break;
    case CallShape::kAutoScalingGroups:
      json.Key("autoScalingGroupNames");
      json.BeginArray();
      json.String(rng.Percent(50) ? "web-asg" : "batch-workers-asg");
      json.EndArray();
      break;
    case CallShape::kCloudFormationStack: {
      std::string stack =
          StrCat("arn:aws:cloudformation:", context.region, ":", account.id, ":stack/web-prod/");
      AppendUuid(rng, &stack);
      json.Field("stackName", stack);
      break;
    }
    case CallShape::kSsmGetParameters:
      json.Key("names");
      json.BeginArray();
      json.String(rng.Percent(50) ? "/prod/db/password" : "/prod/api/stripe-key");
      json.EndArray();
      json.BoolField("withDecryption", true);
      break;
    default:
      break;
  }
  json.EndObject();
}

}  // namespace

void CallDetails::Clear() {
  request.clear();
  response.assign("null");
  additional.clear();
  resources.clear();
  tls_host.clear();
  error_resource.clear();
}

void WriteResource(std::string_view account_id, std::string_view type, std::string_view arn,
                   JsonWriter& json) {
  json.BeginObject();
  if (!account_id.empty()) json.Field("accountId", account_id);
  json.Field("type", type);
  json.Field("ARN", arn);
  json.EndObject();
}

void WriteCallDetails(const ApiSpec& api, const CallContext& context, Rng& rng,
                      CallDetails* details) {
  details->Clear();
  const std::string_view prefix = ActionPrefix(api.service);
  if (IsGlobal(api.service) || api.service == Service::kSts) {
    StrAppend(&details->tls_host, prefix, ".amazonaws.com");
  } else {
    StrAppend(&details->tls_host, api.service == Service::kCloudWatch ? "monitoring" : prefix,
                 ".", context.region, ".amazonaws.com");
  }
  if (api.shape == CallShape::kNull) {
    details->request.assign("null");
    return;
  }
  switch (api.service) {
    case Service::kEc2:
      WriteEc2Call(api, context, rng, details);
      return;
    case Service::kS3:
      WriteS3Call(api, context, rng, details);
      return;
    case Service::kKms:
      WriteKmsCall(api, context, rng, details);
      return;
    case Service::kLambda:
      WriteLambdaCall(api, context, rng, details);
      return;
    default:
      break;
  }
  if (api.shape == CallShape::kStsAssumeRole) {
    WriteAssumeRole(api, context, rng, details);
  } else {
    WriteSimpleCall(api, context, rng, details);
  }
}

}  // namespace ctq::gen
