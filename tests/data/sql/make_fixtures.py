#!/usr/bin/env python3
"""Writes the hand-curated CloudTrail fixtures of the SQL golden tests.

Every value in these files is known by hand; tests/sql/**/*.test states the
answers Trino/Athena would give over them. Run this script after editing an
event (it rewrites the files deterministically: gzip mtime 0):

    python3 tests/data/sql/make_fixtures.py

Raw JSON fragments that json.dumps cannot produce (a number as written, an
escape sequence kept in the file) are written as "@@RAW:<text>@@" strings and
spliced in verbatim.

Layout:
  basic/part1.json      ev01-ev08, pretty JSON, {"Records": [...]}
  basic/part2.json.gz   ev09-ev15, gzip
  basic/part3.json      ev16-ev20, pretty JSON
  basic/empty.json      {"Records": []}
  blog/2016-12.json                 b21, b37, b39 (before 2017: filtered out)
  blog/2017-02-incident.json.gz     b01-b20 (security groups, console logins)
  blog/2017-02-activity.json.gz     b22-b36, b38 (errors, root activity)
  edge/records.json     x01-x03: oversized requestParameters, empty userIdentity, odd values
  edge/lines.jsonl      x04-x05 as NDJSON
  edge/array.json       x06 in a bare JSON array
  rows/records.json     r01-r05: `resources` arrays, good and damaged (ROW types)
  partitions/...        p01-p12 in CloudTrail's delivery layout and outside it
                        (see PARTITION_FILES below)
"""

import gzip
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ACCT = "123456789012"


def raw(text):
    return "@@RAW:" + text + "@@"


def splice(text):
    return re.sub(r'"@@RAW:(?:[^"\\]|\\.)*?@@"', lambda m: json.loads(m.group(0))[6:-2], text)


def write(path, records, pretty, gz=False, top="Records"):
    doc = {top: records} if top else records
    text = json.dumps(doc, indent=2 if pretty else None, ensure_ascii=False,
                      separators=None if pretty else (",", ":"))
    text = splice(text) + "\n"
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    data = text.encode("utf-8")
    if gz:
        with open(full, "wb") as f:
            f.write(gzip.compress(data, mtime=0))
    else:
        with open(full, "wb") as f:
            f.write(data)


# ---------------------------------------------------------------- basic

def iam_user(name, principal, key=None, arn_name=None):
    ident = {"type": "IAMUser", "principalId": principal,
             "arn": "arn:aws:iam::%s:user/%s" % (ACCT, arn_name or name), "accountId": ACCT}
    if key:
        ident["accessKeyId"] = key
    ident["userName"] = name
    return ident


ALICE = iam_user("alice", "AIDAALICE0000000001", "AKIAALICE00000000001")
BOB = iam_user("bob", "AIDABOB0000000000002", "AKIABOB0000000000002")
ALICE_CAP = iam_user("Alice", "AIDAALICE2000000016", "AKIAALICE20000000016")
ROOT = {"type": "Root", "principalId": ACCT, "arn": "arn:aws:iam::%s:root" % ACCT,
        "accountId": ACCT}
CLI = "aws-cli/1.11.44 Python/2.7.12"
GO = "aws-sdk-go/1.6.0"


def event(eid, time, source, name, region, ident, ip, agent, req=None, resp=None,
          version="1.05", extra=None, readonly=None, etype="AwsApiCall"):
    e = {"eventVersion": version}
    if ident is not None:
        e["userIdentity"] = ident
    e.update({"eventTime": time, "eventSource": source, "eventName": name,
              "awsRegion": region, "sourceIPAddress": ip, "userAgent": agent})
    if extra:
        e.update(extra.get("before", {}))
    e["requestParameters"] = req
    e["responseElements"] = resp
    if extra:
        e.update(extra.get("after", {}))
    e["requestID"] = "req-" + eid[2:]
    e["eventID"] = eid
    e["eventType"] = etype
    if readonly is not None:
        e["readOnly"] = readonly
    e["recipientAccountId"] = ACCT
    return e


def login(eid, time, ident, ip, agent, addl, resp="Success", extra_before=None):
    before = dict(extra_before or {})
    after = {}
    if addl is not None:
        after["additionalEventData"] = addl
    return event(eid, time, "signin.amazonaws.com", "ConsoleLogin", "us-east-1", ident, ip,
                 agent, None, {"ConsoleLogin": resp},
                 extra={"before": before, "after": after}, etype="AwsConsoleSignIn")


LOGIN_TO = "https://console.aws.amazon.com/console/home"

basic_part1 = [
    event("ev01", "2017-02-01T08:00:00Z", "ec2.amazonaws.com", "DescribeInstances", "us-east-1",
          ALICE, "198.51.100.1", CLI,
          {"instancesSet": {}, "filterSet": {"items": [
              {"name": "instance-state-name", "valueSet": {"items": [{"value": "running"}]}}]}},
          version="1.04", readonly=True),
    event("ev02", "2017-02-01T09:15:00Z", "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
          "us-east-1", ALICE, "198.51.100.1", CLI,
          {"groupId": "sg-0a1b2c3d", "ipPermissions": {"items": [
              {"ipProtocol": "tcp", "fromPort": 22, "toPort": 22,
               "ipRanges": {"items": [{"cidrIp": "0.0.0.0/0"}]}}]}},
          {"_return": True}, version="1.04", readonly=False),
    event("ev03", "2017-02-01T09:30:00Z", "ec2.amazonaws.com", "RunInstances", "us-west-2",
          BOB, "198.51.100.2", GO,
          {"instanceType": "t2.micro", "minCount": 1, "maxCount": 1}, None, version="1.04",
          extra={"before": {"errorCode": "Client.UnauthorizedOperation",
                            "errorMessage": "You are not authorized to perform this operation."}},
          readonly=False),
    login("ev04", "2017-02-02T00:00:00Z",
          {"type": "IAMUser", "principalId": "AIDAJOSE0000000000003",
           "arn": "arn:aws:iam::%s:user/josé" % ACCT, "accountId": ACCT,
           "userName": raw('"jos\\u00e9"')},
          "72.21.196.64", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
          {"LoginTo": LOGIN_TO, "MobileVersion": "No", "MFAUsed": "Yes"}),
    login("ev05", "2017-02-02T01:00:00Z",
          iam_user("李雷", "AIDALILEI00000000004"), "203.0.113.5",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 10_2 like Mac OS X)",
          {"LoginTo": LOGIN_TO, "MobileVersion": "Yes", "MFAUsed": "No"}),
    login("ev06", "2017-02-02T02:00:00Z", ROOT, "203.0.113.6", "Mozilla/5.0 (X11; Linux x86_64)",
          {"LoginTo": LOGIN_TO, "MobileVersion": "No", "MFAUsed": "No"}, resp="Failure",
          extra_before={"errorMessage": "Failed authentication"}),
    event("ev07", "2017-02-03T10:00:00Z", "s3.amazonaws.com", "GetBucketAcl", "us-east-1",
          dict(ROOT, invokedBy="support.amazonaws.com"), "support.amazonaws.com",
          "support.amazonaws.com", {"bucketName": "my-bucket", "acl": ""}, None,
          extra={"after": {"additionalEventData": {
              "x-amz-id-2": "Xa1/b2+c3=", "SignatureVersion": "SigV4", "bytesTransferredIn": 0}}},
          readonly=True),
    event("ev08", "2017-02-03T11:00:00Z", "iam.amazonaws.com", "ListUsers", "us-east-1",
          dict(ROOT, accessKeyId="ASIAROOT000000000008"), "203.0.113.6", "console.amazonaws.com",
          None, None, extra={"after": {"someFutureField": {"x": 1}}}, readonly=True),
]

DEPLOY_ISSUER = {"type": "Role", "principalId": "AROADEPLOY",
                 "arn": "arn:aws:iam::%s:role/deploy-role" % ACCT, "accountId": ACCT,
                 "userName": "deploy-role"}

basic_part2 = [
    event("ev09", "2017-02-03T12:00:00Z", "sts.amazonaws.com", "AssumeRole", "us-east-1",
          {"type": "AWSService", "invokedBy": "ec2.amazonaws.com"}, "ec2.amazonaws.com",
          "ec2.amazonaws.com",
          {"roleArn": "arn:aws:iam::%s:role/ec2-role" % ACCT, "roleSessionName": "i-0abc"},
          {"credentials": {"accessKeyId": "ASIAEC2", "expiration": "Feb 3, 2017 6:00:00 PM",
                           "sessionToken": "tok"}},
          extra={"after": {"apiVersion": raw("20110615")}}, readonly=True),
    event("ev10", "2017-02-04T00:00:00Z", "kms.amazonaws.com", "Decrypt", "eu-west-1",
          {"type": "AssumedRole", "principalId": "AROADEPLOY:session1",
           "arn": "arn:aws:sts::%s:assumed-role/deploy-role/session1" % ACCT, "accountId": ACCT,
           "accessKeyId": "ASIADEPLOY0000000010",
           "sessionContext": {"attributes": {"mfaAuthenticated": "false",
                                             "creationDate": "2017-02-03T23:59:00Z"},
                              "sessionIssuer": DEPLOY_ISSUER}},
          "10.0.0.5", "aws-sdk-java/1.11.86",
          {"encryptionContext": {
              "aws:lambda:FunctionArn": "arn:aws:lambda:eu-west-1:%s:function:f" % ACCT}},
          None, readonly=True),
    event("ev11", "2017-02-04T01:00:00Z", "ec2.amazonaws.com", "ModifyNetworkInterfaceAttribute",
          "eu-west-1",
          {"type": "AssumedRole", "principalId": "AROADEPLOY:session2",
           "arn": "arn:aws:sts::%s:assumed-role/deploy-role/session2" % ACCT, "accountId": ACCT,
           "invokedBy": "cloudformation.amazonaws.com", "accessKeyId": "ASIADEPLOY0000000011",
           "userName": "session2",
           "sessionContext": {"attributes": {"mfaAuthenticated": "true",
                                             "creationDate": "2017-02-04T00:30:00Z"},
                              "sessionIssuer": DEPLOY_ISSUER}},
          "10.0.0.5", "cloudformation.amazonaws.com",
          {"networkInterfaceId": "eni-11112222",
           "groupSet": {"items": [{"groupId": "sg-aaaa1111"}, {"groupId": "sg-bbbb2222"}]}},
          {"_return": True}, readonly=False),
    event("ev12", "2017-02-05T00:00:00Z", "ec2.amazonaws.com", "DescribeSecurityGroups",
          "ap-southeast-1",
          {"type": "AssumedRole", "principalId": "AROAREADONLY:carol",
           "arn": "arn:aws:sts::%s:assumed-role/ReadOnly/carol" % ACCT, "accountId": ACCT,
           "accessKeyId": "ASIAREADONLY00000012",
           "sessionContext": {"attributes": {"mfaAuthenticated": "true",
                                             "creationDate": "2017-02-04T23:00:00Z"},
                              "sessionIssuer": {"type": "Role", "principalId": "AROAREADONLY",
                                                "arn": "arn:aws:iam::%s:role/ReadOnly" % ACCT,
                                                "accountId": ACCT, "userName": "ReadOnly"}}},
          "192.0.2.12", "console.ec2.amazonaws.com",
          {"securityGroupSet": {}, "securityGroupIdSet": {"items": [{"groupId": "sg-0a1b2c3d"}]},
           "filterSet": {}}, None,
          extra={"before": {"errorCode": "Client.RequestLimitExceeded",
                            "errorMessage": "Request limit exceeded."}},
          readonly=True),
    event("ev13", "2017-02-05T06:00:00Z", "s3.amazonaws.com", "CreateBucket", "us-east-2",
          ALICE, "198.51.100.1", "[" + CLI + "]",
          {"bucketName": "my-new-bucket", "x-amz-acl": ["private"],
           "Host": "my-new-bucket.s3.amazonaws.com"}, None,
          extra={"after": {"additionalEventData": {
              "x-amz-id-2": "Q2o5/Lm+ZZ=", "SignatureVersion": "SigV4",
              "bytesTransferredIn": raw("1.50e2"), "AuthenticationMethod": "AuthHeader"}}},
          readonly=False),
]

# ev14: keys in other letter cases (EventName, sourceIpAddress) and no
# requestParameters key at all.
ev14 = {"eventVersion": "1.05", "userIdentity": BOB, "eventTime": "2017-02-06T00:00:00Z",
        "eventSource": "cloudtrail.amazonaws.com", "EventName": "LookupEvents",
        "awsRegion": "us-east-1", "sourceIpAddress": "198.51.100.2",
        "userAgent": "console.amazonaws.com", "responseElements": None, "requestID": "req-14",
        "eventID": "ev14", "eventType": "AwsApiCall", "readOnly": True,
        "recipientAccountId": ACCT}
# ev15: the NULL-heavy event: no userIdentity, explicit nulls, few keys.
ev15 = {"eventVersion": "1.05", "eventTime": "2017-02-06T12:00:00Z",
        "eventSource": "health.amazonaws.com", "eventName": "DescribeEvents", "awsRegion": None,
        "sourceIPAddress": None, "requestParameters": None, "eventID": "ev15", "readOnly": None}
basic_part2 += [ev14, ev15]

basic_part3 = [
    event("ev16", "2017-02-07T00:00:00Z", "ec2.amazonaws.com", "DeleteSecurityGroup", "us-east-1",
          ALICE_CAP, "198.51.100.16", CLI, {"groupId": "sg-0a1b2c3d"}, None,
          extra={"before": {"errorCode": "Client.InvalidGroup.InUse",
                            "errorMessage": raw('"There are active instances using security group '
                                                '\\u0027sg-0a1b2c3d\\u0027"')}},
          readonly=False),
    event("ev17", "2017-02-07T01:00:00Z", "ec2.amazonaws.com", "DeleteSecurityGroup", "us-east-1",
          ALICE_CAP, "198.51.100.16", CLI, {"groupId": "sg-99999999"}, None,
          extra={"before": {"errorCode": "Client.InvalidGroup.NotFound",
                            "errorMessage": "The security group 'sg-99999999' does not exist"}},
          readonly=False),
    event("ev18", "2017-02-08T00:00:00Z", "iam.amazonaws.com", "CreateUser", "us-east-1",
          ALICE, "198.51.100.1", CLI, {"userName": "new_user%1", "tags": []},
          {"user": {"path": "/", "userName": "new_user%1", "userId": "AIDANEWUSER",
                    "arn": "arn:aws:iam::%s:user/new_user%%1" % ACCT,
                    "createDate": "Feb 8, 2017 12:00:00 AM"}},
          readonly=False),
    event("ev19", "2017-02-08T00:00:00Z", "iam.amazonaws.com", "AttachUserPolicy", "us-east-1",
          ALICE, "198.51.100.1", CLI,
          {"userName": "new_user%1", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}, None,
          readonly=False),
    event("ev20", "2017-02-09T00:00:00Z", "ec2.amazonaws.com", "DescribeRegions", "us-east-1",
          BOB, "198.51.100.2", GO,
          {"quote": raw('"a\\"b"'), "path": raw('"c:\\\\temp"'),
           "accent": raw('"\\u00e9t\\u00e9"'), "bool": True, "nothing": None,
           "n": raw("-0.5"), "big": raw("12345678901234567890"),
           "arr": [1, "two", [3], {"k": "v"}], "obj": {"0": "zero"}},
          None,
          extra={"after": {"tlsDetails": {"tlsVersion": "TLSv1.2",
                                          "cipherSuite": "ECDHE-RSA-AES128-GCM-SHA256",
                                          "clientProvidedHostHeader":
                                              "ec2.us-east-1.amazonaws.com"}}},
          readonly=True),
]

# ----------------------------------------------------------------- blog

BACCT = "111122223333"


def buser(name):
    return {"type": "IAMUser", "principalId": "AIDA" + name.upper().ljust(16, "0")[:16],
            "arn": "arn:aws:iam::%s:user/%s" % (BACCT, name), "accountId": BACCT,
            "userName": name}


BROOT = {"type": "Root", "principalId": BACCT, "arn": "arn:aws:iam::%s:root" % BACCT,
         "accountId": BACCT}


def bev(eid, time, source, name, ident, ip, req=None, error=None, resp=None, extra=None,
        readonly=False):
    e = {"eventVersion": "1.05", "userIdentity": ident, "eventTime": time,
         "eventSource": source + ".amazonaws.com", "eventName": name, "awsRegion": "us-east-1"}
    if ip is not None:
        e["sourceIPAddress"] = ip
    e["userAgent"] = "console.amazonaws.com"
    if error:
        e["errorCode"] = error[0]
        if error[1] is not None:
            e["errorMessage"] = error[1]
    e["requestParameters"] = req
    e["responseElements"] = resp
    if extra:
        e.update(extra)
    e["requestID"] = "req-" + eid
    e["eventID"] = eid
    e["eventType"] = "AwsApiCall"
    e["readOnly"] = readonly
    e["recipientAccountId"] = BACCT
    return e


def blogin(eid, time, ident, ip, mobile, resp="Success", error_message=None):
    e = {"eventVersion": "1.05", "userIdentity": ident, "eventTime": time,
         "eventSource": "signin.amazonaws.com", "eventName": "ConsoleLogin",
         "awsRegion": "us-east-1"}
    if ip is not None:
        e["sourceIPAddress"] = ip
    e["userAgent"] = "Mozilla/5.0"
    if error_message:
        e["errorMessage"] = error_message
    e["requestParameters"] = None
    e["responseElements"] = {"ConsoleLogin": resp}
    if mobile == "absent":
        e["additionalEventData"] = {"LoginTo": LOGIN_TO, "MFAUsed": "Yes"}
    elif mobile is not None:
        e["additionalEventData"] = {"LoginTo": LOGIN_TO, "MobileVersion": mobile,
                                    "MFAUsed": "No"}
    e["eventID"] = eid
    e["eventType"] = "AwsConsoleSignIn"
    e["recipientAccountId"] = BACCT
    return e


BOBO, BOBO_IP = buser("bobodell"), "198.51.100.77"
UNAUTH = ("Client.UnauthorizedOperation", "You are not authorized to perform this operation.")
DENIED = ("AccessDenied", "User: arn:aws:iam::%s:user/bobodell is not authorized to perform: "
          "sts:AssumeRole on resource: arn:aws:iam::%s:role/admin" % (BACCT, BACCT))
INSTANCES = {"instancesSet": {"items": [{"instanceId": "i-0a1b2c3d"}]}}

blog_incident = [
    bev("b01", "2017-02-14T23:59:59Z", "ec2", "ModifyNetworkInterfaceAttribute", BOBO, BOBO_IP,
        {"networkInterfaceId": "eni-6c5ca5a8", "description": {"value": "web"}}),
    bev("b02", "2017-02-15T00:00:00Z", "ec2", "DescribeNetworkInterfaces", buser("alice"),
        "72.21.196.64",
        {"networkInterfaceIdSet": {"items": [{"networkInterfaceId": "eni-6c5ca5a8"}]}},
        readonly=True),
    bev("b03", "2017-02-16T14:31:07Z", "ec2", "ModifyNetworkInterfaceAttribute", BOBO, BOBO_IP,
        {"networkInterfaceId": "eni-6c5ca5a8",
         "groupSet": {"items": [{"groupId": "sg-e214609e"}, {"groupId": "sg-5887f224"}]}},
        resp={"_return": True}),
    bev("b04", "2017-02-16T14:35:52Z", "ec2", "AuthorizeSecurityGroupIngress", BOBO, BOBO_IP,
        {"groupId": "sg-5887f224", "ipPermissions": {"items": [
            {"ipProtocol": "tcp", "fromPort": 3389, "toPort": 3389,
             "ipRanges": {"items": [{"cidrIp": "0.0.0.0/0"}]}}]}},
        resp={"_return": True}),
    bev("b05", "2017-02-16T15:02:00Z", "ec2", "DescribeSecurityGroups", buser("alice"),
        "72.21.196.64", {"securityGroupIdSet": {"items": [{"groupId": "sg-e214609e"}]}},
        readonly=True),
    bev("b06", "2017-02-16T16:00:00Z", "ec2", "AuthorizeSecurityGroupIngress", BOBO, BOBO_IP,
        {"groupId": "sg-5887f225", "ipPermissions": {"items": []}}),
    bev("b07", "2017-02-17T10:00:00Z", "ec2", "CreateTags", buser("carol"), "72.21.196.66",
        {"resourcesSet": {"items": [{"resourceId": "SG-5887F224"}]},
         "tagSet": {"items": [{"key": "Name", "value": "web"}]}}),
    blogin("b08", "2017-02-16T23:59:59Z", BOBO, "72.21.196.70", "No"),
    blogin("b09", "2017-02-17T00:00:00Z", buser("alice"), "72.21.196.64", "No"),
    blogin("b10", "2017-02-17T02:14:09Z", BOBO, "203.0.113.77", "No"),
    blogin("b11", "2017-02-17T04:59:59Z", buser("carol"), "72.21.196.66", "Yes"),
    blogin("b12", "2017-02-17T05:00:00Z", buser("dave"), "198.51.100.5", "No"),
    blogin("b13", "2017-02-17T09:30:00Z", buser("alice"), "72.21.196.64", "absent"),
    blogin("b14", "2017-02-17T13:00:00Z", buser("erin"), "203.0.113.9", "Yes"),
    blogin("b15", "2017-02-17T23:59:59Z", buser("frank"), "192.0.2.44", "No"),
    blogin("b16", "2017-02-18T00:00:00Z", buser("alice"), "72.21.196.64", "No"),
    blogin("b17", "2017-02-17T03:00:00Z", BROOT, "203.0.113.200", "No"),
    blogin("b18", "2017-02-17T01:00:00Z", buser("ghost"), "72.21.200.1", None, resp="Failure",
           error_message="Failed authentication"),
    blogin("b19", "2017-02-17T04:00:00Z", buser("gina"), None, "No"),
    blogin("b20", "2017-02-10T12:00:00Z", buser("henry"), "72.21.196.99", "Yes"),
]

OPS = {"type": "AssumedRole", "principalId": "AROAOPS:ops", "accountId": BACCT,
       "arn": "arn:aws:sts::%s:assumed-role/Ops/ops" % BACCT,
       "sessionContext": {"attributes": {"mfaAuthenticated": "false",
                                         "creationDate": "2017-02-20T08:00:00Z"},
                          "sessionIssuer": {"type": "Role", "principalId": "AROAOPS",
                                            "arn": "arn:aws:iam::%s:role/Ops" % BACCT,
                                            "accountId": BACCT, "userName": "Ops"}}}

blog_activity = [
    bev("b22", "2017-01-05T10:00:00Z", "ec2", "DescribeInstances", buser("dave"), "198.51.100.5",
        INSTANCES, UNAUTH, readonly=True),
    bev("b23", "2017-01-05T10:05:00Z", "ec2", "DescribeInstances", buser("dave"), "198.51.100.5",
        INSTANCES, UNAUTH, readonly=True),
    bev("b24", "2017-02-16T14:20:00Z", "ec2", "DescribeInstances", BOBO, BOBO_IP, INSTANCES,
        UNAUTH, readonly=True),
    bev("b25", "2017-02-16T14:25:00Z", "ec2", "RunInstances", BOBO, BOBO_IP,
        {"instanceType": "m4.large", "minCount": 1, "maxCount": 1}, UNAUTH),
    bev("b26", "2017-02-16T14:26:00Z", "ec2", "RunInstances", BOBO, BOBO_IP,
        {"instanceType": "t2.micro", "minCount": 1, "maxCount": 1}, UNAUTH),
    bev("b27", "2017-02-16T14:28:00Z", "sts", "AssumeRole", BOBO, BOBO_IP,
        {"roleArn": "arn:aws:iam::%s:role/admin" % BACCT, "roleSessionName": "x"}, DENIED),
    bev("b28", "2017-02-16T14:29:00Z", "sts", "AssumeRole", BOBO, BOBO_IP,
        {"roleArn": "arn:aws:iam::%s:role/admin" % BACCT, "roleSessionName": "y"}, DENIED),
    bev("b29", "2017-02-20T08:00:00Z", "s3", "GetBucketPolicy", buser("alice"), "72.21.196.64",
        {"bucketName": "logs"}, ("NoSuchBucketPolicy", "The bucket policy does not exist"),
        readonly=True),
    bev("b30", "2017-02-20T08:30:00Z", "ec2", "DescribeInstances", OPS, "10.1.0.9", None,
        ("Client.RequestLimitExceeded", "Request limit exceeded."), readonly=True),
    bev("b31", "2017-02-21T09:00:00Z", "s3", "CreateBucket", buser("alice"), "72.21.196.64",
        {"bucketName": "logs"}, ("BucketAlreadyOwnedByYou", None)),
    bev("b32", "2017-02-05T07:00:00Z", "iam", "CreateAccessKey", BROOT, "203.0.113.200", None),
    bev("b33", "2017-02-06T07:00:00Z", "s3", "GetBucketAcl",
        dict(BROOT, invokedBy="support.amazonaws.com"), "support.amazonaws.com",
        {"bucketName": "logs"}, readonly=True),
    bev("b34", "2017-02-07T07:00:00Z", "s3", "GetBucketAcl",
        dict(BROOT, invokedBy="support.amazonaws.com"), "support.amazonaws.com",
        {"bucketName": "logs"}, readonly=True),
    bev("b35", "2017-02-08T07:00:00Z", "s3", "GetBucketAcl", BROOT, "203.0.113.200",
        {"bucketName": "logs"}, readonly=True),
    bev("b36", "2017-02-09T07:00:00Z", "s3", "GetBucketAcl",
        dict(BROOT, invokedBy="support.amazonaws.com", userName="rootalias"),
        "support.amazonaws.com", {"bucketName": "logs"}, readonly=True),
    bev("b38", "2017-02-16T12:00:00Z", "sts", "AssumeRole",
        {"type": "AWSService", "invokedBy": "ec2.amazonaws.com"}, "ec2.amazonaws.com",
        {"roleArn": "arn:aws:iam::%s:role/ec2" % BACCT, "roleSessionName": "i-1"},
        readonly=True),
]

blog_2016 = [
    bev("b21", "2016-12-31T23:59:59Z", "ec2", "DescribeInstances", BOBO, BOBO_IP, INSTANCES,
        UNAUTH, readonly=True),
    bev("b37", "2016-12-30T07:00:00Z", "cloudtrail", "DeleteTrail", BROOT, "203.0.113.200",
        {"name": "main"}),
    bev("b39", "2016-12-31T12:00:00Z", "ec2", "DescribeInstances", buser("alice"),
        "72.21.196.64", INSTANCES, readonly=True),
]


# ----------------------------------------------------------------- edge

def small(eid, time, name, **fields):
    e = {"eventVersion": "1.05", "eventTime": time, "eventSource": "ec2.amazonaws.com",
         "eventName": name, "awsRegion": "us-east-1", "eventID": eid}
    e.update(fields)
    return e


edge_records = [
    # An oversized requestParameters (3000 items, about 50 KB of JSON).
    small("x01", "2017-03-01T00:00:00Z", "DescribeInstances",
          userIdentity=iam_user("alice", "AIDAALICE0000000001"),
          requestParameters={"items": [{"id": "i-%05d" % i} for i in range(3000)],
                             "tail": "needle-xyz"}),
    # An empty userIdentity object: a ROW whose fields are all NULL, not NULL.
    small("x02", "2017-03-01T00:00:01Z", "DescribeRegions", userIdentity={}),
    # An object in a plain VARCHAR column, a number and a boolean as text, a
    # newline (\n) in a string.
    small("x03", "2017-03-01T00:00:02Z", "RunInstances",
          userAgent={"a": [1, 2]}, eventVersion=raw("1.10"), readOnly=False,
          errorCode="Client.X", errorMessage="line1\nline2"),
]


# ----------------------------------------------------------------- rows

S3_BUCKET = "arn:aws:s3:::bucket-a"
rows_records = [
    # Two resources as CloudTrail writes an S3 data event's: the object has an
    # ARNPrefix, not an ARN (so arn is NULL in Athena's ROW), the bucket both.
    small("r01", "2017-04-01T00:00:00Z", "GetObject",
          userIdentity=iam_user("alice", "AIDAALICE0000000001"),
          resources=[{"type": "AWS::S3::Object", "ARNPrefix": S3_BUCKET + "/secret/"},
                     {"accountId": ACCT, "type": "AWS::S3::Bucket", "ARN": S3_BUCKET}]),
    # One resource; its accountId a JSON number (read as its text).
    small("r02", "2017-04-01T00:00:01Z", "AssumeRole",
          resources=[{"ARN": "arn:aws:iam::%s:role/admin" % ACCT, "accountId": 123,
                      "type": "AWS::IAM::Role"}]),
    # An empty array: a value, not NULL.
    small("r03", "2017-04-01T00:00:02Z", "ListBuckets", resources=[]),
    # Damaged: an object where the array belongs, and a key given twice.
    small("r04", "2017-04-01T00:00:03Z", "PutObject", resources={"ARN": "x"}),
    small("r05", "2017-04-01T00:00:04Z", "PutObject",
          resources=[{"ARN": "a", "arn": "b", "type": "T"}]),
]


# ----------------------------------------------------------- partitions

def pev(eid, time, name, region, account):
    return small(eid, time, name, awsRegion=region, recipientAccountId=account)


P_ACCT = "111122223333"
P_ORG_ACCT = "444455556666"

# (path under partitions/, gzip, events). The delivery layout is
# AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/<file>.
PARTITION_FILES = [
    ("AWSLogs/%s/CloudTrail/us-east-1/2017/02/17/%s_CloudTrail_us-east-1_20170217T0005Z_a1.json"
     % (P_ACCT, P_ACCT), False, [
         pev("p01", "2017-02-17T00:01:00Z", "DescribeInstances", "us-east-1", P_ACCT),
         pev("p02", "2017-02-17T00:02:00Z", "RunInstances", "us-east-1", P_ACCT),
         # A global service's event: delivered to us-east-1, whatever its awsRegion.
         pev("p03", "2017-02-16T23:59:59Z", "ListUsers", "us-west-2", P_ACCT),
     ]),
    ("AWSLogs/%s/CloudTrail/us-east-1/2017/02/18/%s_CloudTrail_us-east-1_20170218T0005Z_b2.json.gz"
     % (P_ACCT, P_ACCT), True, [
         pev("p04", "2017-02-18T00:01:00Z", "DescribeInstances", "us-east-1", P_ACCT),
         pev("p05", "2017-02-18T00:02:00Z", "StopInstances", "us-east-1", P_ACCT),
     ]),
    ("AWSLogs/%s/CloudTrail/eu-west-1/2017/02/17/%s_CloudTrail_eu-west-1_20170217T0010Z_c3.json"
     % (P_ACCT, P_ACCT), False, [
         pev("p06", "2017-02-17T00:10:00Z", "DescribeInstances", "eu-west-1", P_ACCT),
         pev("p07", "2017-02-17T00:11:00Z", "DescribeRegions", "eu-west-1", P_ACCT),
     ]),
    # An organization trail: the organization id comes before the account.
    ("AWSLogs/o-aa11bb22cc/%s/CloudTrail/ap-southeast-2/2016/12/31/"
     "%s_CloudTrail_ap-southeast-2_20161231T2355Z_d4.json" % (P_ORG_ACCT, P_ORG_ACCT), False, [
         pev("p08", "2016-12-31T23:50:00Z", "DescribeInstances", "ap-southeast-2", P_ORG_ACCT),
         pev("p09", "2016-12-31T23:51:00Z", "DeleteBucket", "ap-southeast-2", P_ORG_ACCT),
     ]),
    # Outside the layout: a copy in another folder, and the right folders
    # without AWSLogs above them.
    ("exported/cloudtrail-export.json", False, [
        pev("p10", "2017-02-17T05:00:00Z", "DescribeInstances", "us-east-1", P_ACCT),
        pev("p11", "2017-02-17T05:01:00Z", "GetObject", "us-east-1", P_ACCT),
    ]),
    ("copy/%s/CloudTrail/us-east-1/2017/02/17/%s_CloudTrail_us-east-1_20170217T0600Z_e5.json"
     % (P_ACCT, P_ACCT), False, [
         pev("p12", "2017-02-17T06:00:00Z", "GetObject", "us-east-1", P_ACCT),
     ]),
]


def write_lines(path, events):
    text = "\n".join(splice(json.dumps(e, ensure_ascii=False)) for e in events) + "\n"
    with open(os.path.join(HERE, path), "wb") as f:
        f.write(text.encode("utf-8"))


def main():
    write("basic/part1.json", basic_part1, pretty=True)
    write("basic/part2.json.gz", basic_part2, pretty=False, gz=True)
    write("basic/part3.json", basic_part3, pretty=True)
    write("basic/empty.json", [], pretty=False)
    write("blog/2016-12.json", blog_2016, pretty=True)
    write("blog/2017-02-incident.json.gz", blog_incident, pretty=False, gz=True)
    write("blog/2017-02-activity.json.gz", blog_activity, pretty=False, gz=True)
    write("edge/records.json", edge_records, pretty=False)
    # Other file shapes ctq reads: NDJSON and a bare array.
    write_lines("edge/lines.jsonl", [
        small("x04", "2017-03-02T00:00:00Z", "StopInstances"),
        small("x05", "2017-03-02T00:00:01Z", "StartInstances")])
    write("edge/array.json", [small("x06", "2017-03-03T00:00:00Z", "RebootInstances")],
          pretty=True, top=None)
    write("rows/records.json", rows_records, pretty=False)
    for path, gz, events in PARTITION_FILES:
        write(os.path.join("partitions", path), events, pretty=False, gz=gz)


if __name__ == "__main__":
    main()
