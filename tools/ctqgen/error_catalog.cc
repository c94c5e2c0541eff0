#include "tools/ctqgen/error_catalog.h"

#include "tools/ctqgen/random_ids.h"
#include "ctq/internal/strings.h"

namespace ctq::gen {
namespace {

void NotAuthorized(const ErrorContext& context, std::string_view code, ErrorInfo* error) {
  error->code = code;
  if (context.principal_arn.empty()) {
    error->message = "Access Denied";
    return;
  }
  StrAppend(&error->message, "User: ", context.principal_arn,
               " is not authorized to perform: ", ActionPrefix(context.service), ":",
               context.event_name);
  if (!context.resource.empty()) {
    StrAppend(&error->message, " on resource: ", context.resource);
  }
}

void Throttled(ErrorInfo* error) {
  error->code = "ThrottlingException";
  error->message = "Rate exceeded";
}

std::string_view Tail(std::string_view resource, char separator) {
  const size_t pos = resource.rfind(separator);
  return pos == std::string_view::npos ? resource : resource.substr(pos + 1);
}

void Ec2Error(const ErrorContext& context, Rng& rng, ErrorInfo* error) {
  const uint64_t roll = rng.Below(100);
  if (roll < 40) {
    error->code = "Client.UnauthorizedOperation";
    error->message = "You are not authorized to perform this operation.";
    if (roll >= 25) {
      // Each encoded failure message is unique, as in real logs.
      error->message.append(" Encoded authorization failure message: ");
      AppendBase64(rng, 120 + static_cast<int>(rng.Below(200)), &error->message);
    }
  } else if (roll < 60) {
    error->code = "Client.InvalidInstanceID.NotFound";
    std::string id(context.resource.substr(0, 2) == "i-" ? context.resource : "");
    if (id.empty()) {
      id = "i-0";
      AppendHex(rng, 16, &id);
    }
    StrAppend(&error->message, "The instance ID '", id, "' does not exist");
    error->gson_escaped = true;
  } else if (roll < 75) {
    error->code = "Client.RequestLimitExceeded";
    error->message = "Request limit exceeded.";
  } else if (roll < 85) {
    error->code = "Client.InvalidGroup.NotFound";
    std::string group;
    AppendSafeResourceId(rng, "sg-", 8, &group);
    StrAppend(&error->message, "The security group '", group, "' does not exist");
    error->gson_escaped = true;
  } else if (roll < 92) {
    error->code = "Client.DryRunOperation";
    error->message = "Request would have succeeded, but DryRun flag is set.";
  } else {
    NotAuthorized(context, "Client.UnauthorizedOperation", error);
  }
}

void S3Error(const ErrorContext& context, Rng& rng, ErrorInfo* error) {
  const uint64_t roll = rng.Below(100);
  if (roll < 70) {
    error->code = "AccessDenied";
    error->message = "Access Denied";
  } else if (roll < 80) {
    error->code = "NoSuchKey";
    error->message = "The specified key does not exist.";
  } else if (roll < 90) {
    error->code = "NoSuchBucket";
    error->message = "The specified bucket does not exist";
  } else if (roll < 96) {
    error->code = "NoSuchBucketPolicy";
    error->message = "The bucket policy does not exist";
  } else {
    error->code = "NoSuchLifecycleConfiguration";
    error->message = "The lifecycle configuration does not exist";
  }
}

void OtherError(const ErrorContext& context, Rng& rng, ErrorInfo* error) {
  const uint64_t roll = rng.Below(100);
  if (roll < 55) {
    const bool exception_suffix = context.service == Service::kKms ||
                                  context.service == Service::kLambda ||
                                  context.service == Service::kDynamoDb;
    NotAuthorized(context, exception_suffix ? "AccessDeniedException" : "AccessDenied", error);
    return;
  }
  if (roll < 75) {
    Throttled(error);
    return;
  }
  switch (context.service) {
    case Service::kIam:
      error->code = "NoSuchEntityException";
      if (context.resource.find(":user/") != std::string_view::npos) {
        StrAppend(&error->message, "The user with name ", Tail(context.resource, '/'),
                     " cannot be found.");
      } else {
        StrAppend(&error->message, "The Password Policy with domain name ", context.account_id,
                     " cannot be found.");
      }
      return;
    case Service::kKms:
      error->code = "InvalidCiphertextException";
      error->has_message = false;
      return;
    case Service::kSts:
      error->code = "ExpiredTokenException";
      error->message = "The security token included in the request is expired";
      return;
    case Service::kLambda:
      error->code = "ResourceNotFoundException";
      StrAppend(&error->message, "Function not found: ", context.resource);
      return;
    case Service::kRds:
      error->code = "DBInstanceNotFound";
      StrAppend(&error->message, "DBInstance ", rng.Percent(50) ? "orders-db" : "old-db",
                   " not found.");
      return;
    case Service::kDynamoDb:
      error->code = "ResourceNotFoundException";
      error->message = "Requested resource not found: Table: Sessions-old not found";
      return;
    case Service::kCloudFormation:
      error->code = "ValidationError";
      error->message = "Stack with id web-prod does not exist";
      return;
    default:
      error->code = "ValidationException";
      error->message =
          "1 validation error detected: Value 'INVALID_FOR_SUMMARY' at 'stateValue' failed to "
          "satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, "
          "OK]";
      error->gson_escaped = true;
      return;
  }
}

}  // namespace

void PickError(const ErrorContext& context, Rng& rng, ErrorInfo* error) {
  error->code = {};
  error->message.clear();
  error->has_message = true;
  error->gson_escaped = false;
  switch (context.service) {
    case Service::kEc2:
      Ec2Error(context, rng, error);
      return;
    case Service::kS3:
      S3Error(context, rng, error);
      return;
    default:
      OtherError(context, rng, error);
      return;
  }
}

}  // namespace ctq::gen
