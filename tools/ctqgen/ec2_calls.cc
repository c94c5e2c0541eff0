// requestParameters and responseElements of EC2 calls, in the "xxxSet":{"items":[...]} layout
// of the EC2 Query API that CloudTrail records.

#include "tools/ctqgen/call_details.h"
#include "tools/ctqgen/json_writer.h"
#include "tools/ctqgen/random_ids.h"
#include "ctq/internal/strings.h"

namespace ctq::gen {
namespace {

template <typename Container>
const std::string& AnyOf(const Container& values, Rng& rng) {
  return values[rng.Below(values.size())];
}

// "key":{"items":[{"item_key":"value"}, ...]}
void ItemSet(JsonWriter& json, std::string_view key, std::string_view item_key,
             std::initializer_list<std::string_view> values) {
  json.Key(key);
  json.BeginObject();
  json.Key("items");
  json.BeginArray();
  for (std::string_view value : values) {
    json.BeginObject();
    json.Field(item_key, value);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

void EmptySet(JsonWriter& json, std::string_view key) {
  json.Key(key);
  json.BeginObject();
  json.EndObject();
}

// {"items":[{"name":..,"valueSet":{"items":[{"value":..}]}}]}
void Filter(JsonWriter& json, std::string_view name, std::string_view value) {
  json.Key("filterSet");
  json.BeginObject();
  json.Key("items");
  json.BeginArray();
  json.BeginObject();
  json.Field("name", name);
  ItemSet(json, "valueSet", "value", {value});
  json.EndObject();
  json.EndArray();
  json.EndObject();
}

void InstanceStateChange(const ApiSpec& api, std::string_view instance, Rng& rng,
                         std::string* out) {
  JsonWriter json(out);
  json.BeginObject();
  json.Key("requestId");
  std::string request_id;
  AppendUuid(rng, &request_id);
  json.String(request_id);
  json.Key("instancesSet");
  json.BeginObject();
  json.Key("items");
  json.BeginArray();
  json.BeginObject();
  json.Field("instanceId", instance);
  const bool start = api.event_name == "StartInstances";
  const bool stop = api.event_name == "StopInstances";
  json.Key("currentState");
  json.BeginObject();
  json.IntField("code", start ? 0 : (stop ? 64 : 32));
  json.Field("name", start ? "pending" : (stop ? "stopping" : "shutting-down"));
  json.EndObject();
  json.Key("previousState");
  json.BeginObject();
  json.IntField("code", start ? 80 : 16);
  json.Field("name", start ? "stopped" : "running");
  json.EndObject();
  json.EndObject();
  json.EndArray();
  json.EndObject();
  json.EndObject();
}

constexpr std::string_view kTagValues[] = {
    "web-01",  "batch-worker", "Équipe données", "db \"primary\"",
    "bastion", "ci/runner-3",  "监控节点",
};

}  // namespace

void WriteEc2Call(const ApiSpec& api, const CallContext& context, Rng& rng, CallDetails* details) {
  const Account& account = *context.account;
  details->request.clear();
  JsonWriter json(&details->request);
  json.BeginObject();
  switch (api.shape) {
    case CallShape::kEc2DescribeInstances: {
      const std::string& instance = AnyOf(account.instance_ids, rng);
      details->error_resource = instance;
      if (rng.Percent(60)) {
        ItemSet(json, "instancesSet", "instanceId", {instance});
        EmptySet(json, "filterSet");
      } else {
        EmptySet(json, "instancesSet");
        Filter(json, "instance-state-name", rng.Percent(80) ? "running" : "stopped");
      }
      break;
    }
    case CallShape::kEc2DescribeInstanceStatus:
      EmptySet(json, "instancesSet");
      EmptySet(json, "filterSet");
      json.BoolField("includeAllInstances", rng.Percent(30));
      break;
    case CallShape::kEc2DescribeSecurityGroups: {
      EmptySet(json, "securityGroupSet");
      if (rng.Percent(50)) {
        const std::string& group = AnyOf(account.security_groups, rng);
        details->error_resource = group;
        ItemSet(json, "securityGroupIdSet", "groupId", {group});
      } else {
        EmptySet(json, "securityGroupIdSet");
      }
      EmptySet(json, "filterSet");
      break;
    }
    case CallShape::kEc2DescribeVolumes:
      if (rng.Percent(40)) {
        ItemSet(json, "volumeSet", "volumeId", {AnyOf(account.volume_ids, rng)});
      } else {
        EmptySet(json, "volumeSet");
      }
      EmptySet(json, "filterSet");
      break;
    case CallShape::kEc2DescribeSnapshots:
      EmptySet(json, "snapshotSet");
      ItemSet(json, "ownersSet", "owner", {"self"});
      EmptySet(json, "restorableBySet");
      EmptySet(json, "filterSet");
      break;
    case CallShape::kEc2DescribeImages:
      EmptySet(json, "executableBySet");
      ItemSet(json, "imagesSet", "imageId", {AnyOf(account.image_ids, rng)});
      ItemSet(json, "ownersSet", "owner", {"self"});
      EmptySet(json, "filterSet");
      break;
    case CallShape::kEc2DescribeVpcs:
      EmptySet(json, api.argument.empty() ? "vpcSet" : api.argument);
      if (rng.Percent(50)) {
        Filter(json, "vpc-id", AnyOf(account.vpc_ids, rng));
      } else {
        EmptySet(json, "filterSet");
      }
      break;
    case CallShape::kEc2DescribeNetworkInterfaces:
      ItemSet(json, "networkInterfaceIdSet", "networkInterfaceId",
              {AnyOf(account.network_interfaces, rng)});
      EmptySet(json, "filterSet");
      break;
    case CallShape::kEc2DescribeRegions:
      EmptySet(json, "regionSet");
      break;
    case CallShape::kEc2DescribeTags:
      Filter(json, "resource-id", AnyOf(account.instance_ids, rng));
      break;
    case CallShape::kEc2RunInstances: {
      json.Key("instancesSet");
      json.BeginObject();
      json.Key("items");
      json.BeginArray();
      json.BeginObject();
      json.Field("imageId", AnyOf(account.image_ids, rng));
      json.IntField("minCount", 1);
      json.IntField("maxCount", rng.Between(1, 3));
      json.Field("keyName", rng.Percent(50) ? "ops-2017" : "ci-deploy");
      json.EndObject();
      json.EndArray();
      json.EndObject();
      ItemSet(json, "groupSet", "groupId", {AnyOf(account.security_groups, rng)});
      json.Field("instanceType", rng.Percent(70) ? "t2.micro" : "m4.large");
      EmptySet(json, "blockDeviceMapping");
      json.Key("monitoring");
      json.BeginObject();
      json.BoolField("enabled", false);
      json.EndObject();
      json.BoolField("disableApiTermination", false);
      json.Key("clientToken");
      std::string token;
      AppendUuid(rng, &token);
      json.String(token);
      break;
    }
    case CallShape::kEc2InstanceState: {
      const std::string& instance = AnyOf(account.instance_ids, rng);
      details->error_resource = instance;
      ItemSet(json, "instancesSet", "instanceId", {instance});
      if (api.event_name == "StopInstances") json.BoolField("force", false);
      details->response.clear();
      InstanceStateChange(api, instance, rng, &details->response);
      break;
    }
    case CallShape::kEc2CreateTags: {
      const std::string& instance = AnyOf(account.instance_ids, rng);
      details->error_resource = instance;
      ItemSet(json, "resourcesSet", "resourceId", {instance});
      json.Key("tagSet");
      json.BeginObject();
      json.Key("items");
      json.BeginArray();
      json.BeginObject();
      json.Field("key", "Name");
      json.Field("value", kTagValues[rng.Below(std::size(kTagValues))]);
      json.EndObject();
      json.BeginObject();
      json.Field("key", "owner");
      json.Field("value", context.caller_name);
      json.EndObject();
      json.EndArray();
      json.EndObject();
      details->response = "{\"_return\":true}";
      break;
    }
    case CallShape::kEc2AuthorizeIngress: {
      const std::string& group = AnyOf(account.security_groups, rng);
      details->error_resource = group;
      static constexpr int kPorts[] = {22, 443, 3306, 5432, 8080};
      const int port = kPorts[rng.Below(std::size(kPorts))];
      json.Field("groupId", group);
      json.Key("ipPermissions");
      json.BeginObject();
      json.Key("items");
      json.BeginArray();
      json.BeginObject();
      json.Field("ipProtocol", "tcp");
      json.IntField("fromPort", port);
      json.IntField("toPort", port);
      EmptySet(json, "groups");
      std::string cidr;
      AppendPublicIpv4(rng, &cidr);
      cidr.append("/32");
      ItemSet(json, "ipRanges", "cidrIp", {cidr});
      EmptySet(json, "ipv6Ranges");
      EmptySet(json, "prefixListIds");
      json.EndObject();
      json.EndArray();
      json.EndObject();
      details->response = "{\"_return\":true}";
      break;
    }
    case CallShape::kEc2ModifyNetworkInterface: {
      const std::string& eni = AnyOf(account.network_interfaces, rng);
      details->error_resource = eni;
      json.Field("networkInterfaceId", eni);
      ItemSet(json, "groupSet", "groupId",
              {AnyOf(account.security_groups, rng), AnyOf(account.security_groups, rng)});
      details->response = "{\"_return\":true}";
      break;
    }
    case CallShape::kEc2CreateSecurityGroup: {
      json.Field("groupName", StrCat("launch-wizard-", rng.Between(1, 40)));
      json.Field("groupDescription", "launch-wizard created 2017-02-08T10:12:44.421+01:00");
      json.Field("vpcId", AnyOf(account.vpc_ids, rng));
      details->response.clear();
      JsonWriter response(&details->response);
      response.BeginObject();
      response.BoolField("_return", true);
      std::string group;
      AppendSafeResourceId(rng, "sg-", 8, &group);
      response.Field("groupId", group);
      response.EndObject();
      break;
    }
    default:
      break;
  }
  json.EndObject();
}

}  // namespace ctq::gen
