// requestParameters, additionalEventData and resources of S3 calls, bucket-level and
// object-level (data events).

#include "tools/ctqgen/call_details.h"
#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/json_writer.h"
#include "tools/ctqgen/random_ids.h"
#include "ctq/internal/strings.h"
#include "tools/ctqgen/weighted_choice.h"

namespace ctq::gen {
namespace {

// Object keys deliberately include slashes, spaces, raw UTF-8, a double quote and backslashes,
// which exercise escaping in every layer that reads them.
void AppendObjectKey(const CallContext& context, Rng& rng, std::string* key) {
  static const WeightedChoice kinds = {30, 20, 4, 3, 1, 1, 15, 10};
  switch (kinds.Pick(rng)) {
    case 0:
      key->append("logs/");
      AppendDatePath(context.time, key);
      key->append("/app-");
      AppendHex(rng, 8, key);
      key->append(".log.gz");
      break;
    case 1:
      StrAppend(key, "uploads/", context.caller_name, "/");
      AppendUuid(rng, key);
      key->append(".jpg");
      break;
    case 2:
      StrAppend(key, "reports/2017/Übersicht Q", rng.Between(1, 4), ".pdf");
      break;
    case 3:
      StrAppend(key, "photos/夏天/IMG_", rng.Between(1000, 9999), ".jpg");
      break;
    case 4:
      key->append("exports/customer \"vip\" list.csv");
      break;
    case 5:
      StrAppend(key, "backups\\2017\\db-", rng.Between(1, 31), ".sql");
      break;
    case 6:
      StrAppend(key, "data/year=2017/part-", rng.Between(10000, 99999), ".parquet");
      break;
    default:
      key->append("static/js/app.");
      AppendHex(rng, 8, key);
      key->append(".js");
      break;
  }
}

void AppendHost(std::string_view bucket, const CallContext& context, Rng& rng, std::string* host) {
  if (rng.Percent(70)) {
    StrAppend(host, bucket, ".s3.amazonaws.com");
  } else {
    StrAppend(host, bucket, ".s3.", context.region, ".amazonaws.com");
  }
}

void WriteTransferData(bool upload, int64_t bytes, Rng& rng, std::string* out) {
  JsonWriter json(out);
  json.BeginObject();
  json.Field("SignatureVersion", rng.Percent(90) ? "SigV4" : "SigV2");
  json.Field("CipherSuite",
             rng.Percent(75) ? "ECDHE-RSA-AES128-GCM-SHA256" : "ECDHE-RSA-AES128-SHA");
  json.IntField("bytesTransferredIn", upload ? bytes : 0);
  json.Field("AuthenticationMethod", rng.Percent(95) ? "AuthHeader" : "QueryString");
  std::string id2;
  AppendBase64(rng, 75, &id2);
  id2.push_back('=');
  json.Field("x-amz-id-2", id2);
  json.IntField("bytesTransferredOut", upload ? 0 : bytes);
  json.EndObject();
}

void WriteBucketResource(const Account& account, std::string_view bucket, std::string* out) {
  JsonWriter json(out);
  json.BeginArray();
  WriteResource(account.id, "AWS::S3::Bucket", StrCat("arn:aws:s3:::", bucket), json);
  json.EndArray();
}

}  // namespace

void WriteS3Call(const ApiSpec& api, const CallContext& context, Rng& rng, CallDetails* details) {
  const Account& account = *context.account;
  if (api.shape == CallShape::kS3ListBuckets) {
    details->request = "{\"Host\":\"s3.amazonaws.com\"}";
    details->tls_host = "s3.amazonaws.com";
    return;
  }
  const bool trail = api.shape == CallShape::kS3TrailDelivery || api.argument == "trail-acl";
  // The last bucket is the trail bucket; people rarely touch it.
  const std::string& bucket =
      trail ? account.trail_bucket : account.buckets[rng.Below(account.buckets.size() - 1)];
  details->tls_host.clear();
  AppendHost(bucket, context, rng, &details->tls_host);
  details->error_resource = bucket;

  std::string key;
  if (api.shape == CallShape::kS3Object) {
    AppendObjectKey(context, rng, &key);
  } else if (api.shape == CallShape::kS3TrailDelivery) {
    StrAppend(&key, "AWSLogs/", account.id, "/CloudTrail/", context.region, "/");
    AppendDatePath(context.time, &key);
    StrAppend(&key, "/", account.id, "_CloudTrail_", context.region, "_");
    AppendCompactTime(context.time, false, &key);
    key.push_back('_');
    AppendAlnum(rng, 16, &key);
    key.append(".json.gz");
  }

  details->request.clear();
  JsonWriter json(&details->request);
  json.BeginObject();
  json.Field("bucketName", bucket);
  json.Field("Host", details->tls_host);
  switch (api.shape) {
    case CallShape::kS3Object:
    case CallShape::kS3TrailDelivery:
      json.Field("key", key);
      if (api.shape == CallShape::kS3TrailDelivery) {
        json.Field("x-amz-acl", "bucket-owner-full-control");
        json.Field("x-amz-server-side-encryption", "AES256");
      }
      break;
    case CallShape::kS3ListObjects:
      json.Field("list-type", "2");
      json.Field("prefix", rng.Percent(50) ? "logs/" : "");
      json.Field("encoding-type", "url");
      break;
    default:
      json.Field(api.argument == "trail-acl" ? "acl" : api.argument, "");
      break;
  }
  json.EndObject();

  const bool upload = api.event_name == "PutObject";
  const int64_t bytes =
      api.shape == CallShape::kS3Object || upload
          ? rng.Between(0, 1) == 0 ? rng.Between(200, 90000) : rng.Between(1000, 8000000)
          : rng.Between(300, 1200);
  WriteTransferData(upload, bytes, rng, &details->additional);
  if (upload && rng.Percent(30)) {
    details->response = "{\"x-amz-server-side-encryption\":\"AES256\"}";
  }

  if (key.empty()) {
    WriteBucketResource(account, bucket, &details->resources);
  } else {
    details->error_resource = StrCat("arn:aws:s3:::", bucket, "/", key);
    JsonWriter resources(&details->resources);
    resources.BeginArray();
    WriteResource("", "AWS::S3::Object", details->error_resource, resources);
    WriteResource(account.id, "AWS::S3::Bucket", StrCat("arn:aws:s3:::", bucket), resources);
    resources.EndArray();
  }
}

}  // namespace ctq::gen
