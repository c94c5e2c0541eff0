#!/usr/bin/env python3
"""An independent oracle for tests/sql/public/*.test.

The public Athena CloudTrail queries in tests/sql/public/ run in ctq over the
real logs of shared/data/cloudtrail-real (SOURCES.md). This program checks
their expected blocks without ctq: it reads the raw .json / .json.gz / NDJSON
files itself (Python standard library only), computes every query's answer in
plain Python, one function per query written from the SQL's meaning, and
compares that answer with the expected rows in the .test files.

    tests/real/public_oracle.py [--data DIR] [--tests DIR] [--ctq PATH]

--ctq: a ctq binary; the oracle first checks that ctq counts as many events
as it reads itself (select count(*) over --logs DIR).

Exit status: 0 all blocks agree, 1 a disagreement, 77 the shared data is
absent (ctest's SKIP_RETURN_CODE).

Comparison: plain cells as text (NULL is None); cells of the JSON-text columns
(requestparameters, responseelements) are compared as parsed JSON values, since
the text form of a JSON document (key spacing, number spelling) is not part of
the answer. `nosort` blocks compare rows in order, and the oracle also checks
that the query's ORDER BY keys leave no ties between different rows (else the
block would have to be rowsort); `rowsort` blocks compare multisets of rows.
"""

import argparse
import datetime
import gzip
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DATA = os.path.join(os.path.dirname(REPO), "shared", "data", "cloudtrail-real")
DEFAULT_TESTS = os.path.join(REPO, "tests", "sql", "public")
SKIP = 77

# Totals stated in SOURCES.md.
EXPECTED_EVENTS = 51726
EXPECTED_FILES = 5346

# ----------------------------------------------------------------- reading


def is_log_file(name):
    n = name.lower()
    if n.endswith(".gz"):
        n = n[:-3]
    return n.endswith((".json", ".jsonl", ".ndjson"))


def parse_events(data):
    """The events of one file: {"Records":[...]}, an array, one object, or NDJSON."""
    text = data.decode("utf-8")
    try:
        doc = json.loads(text)
    except ValueError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if isinstance(doc, dict) and "Records" in doc:
        return list(doc["Records"])
    if isinstance(doc, list):
        return list(doc)
    return [doc]


PARTITION_RE = re.compile(
    r"(?:^|/)AWSLogs/(?:o-[a-z0-9]+/)?(\d{12})/CloudTrail/([^/]+)/(\d{4})/(\d{2})/(\d{2})/[^/]+$")


def partitions(rel_path):
    m = PARTITION_RE.search(rel_path.replace(os.sep, "/"))
    if not m:
        return {}
    account, region, year, month, day = m.groups()
    return {
        "account_partition": account, "region_partition": region,
        "date_partition": "%s/%s/%s" % (year, month, day),
        "region": region, "year": year, "month": month, "day": day,
    }


def lower_keys(obj):
    return {k.lower(): v for k, v in obj.items()} if isinstance(obj, dict) else {}


class Event:
    """One record, with Athena's column view of it (keys matched ignoring case)."""

    def __init__(self, record, parts):
        self.raw = record
        self.top = lower_keys(record)
        self.ui = lower_keys(self.top.get("useridentity"))
        self.parts = parts

    def col(self, name):
        """A STRING column: a string as is, another JSON value as its JSON text."""
        if name in self.parts or name.endswith("_partition") or name in ("year", "month", "day"):
            return self.parts.get(name)
        v = self.top.get(name)
        return scalar_text(v)

    def obj(self, name):
        """The parsed JSON value of a JSON-text column (None when absent or null)."""
        return self.top.get(name)

    def user(self, field):
        return scalar_text(self.ui.get(field))


def scalar_text(v):
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def json_text(v):
    return None if v is None else json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def load(data_dir):
    events, files = [], 0
    for root, dirs, names in os.walk(data_dir):
        dirs.sort()
        for name in sorted(names):
            if not is_log_file(name) or "CloudTrail-Digest" in os.path.join(root, name):
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                data = f.read()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            files += 1
            parts = partitions(os.path.relpath(path, data_dir))
            for record in parse_events(data):
                events.append(Event(record, parts))
    return events, files


# ----------------------------------------------------------------- SQL helpers


def json_extract(doc, key):
    """json_extract(doc, '$.key'): the member (None when absent or not an object)."""
    if not isinstance(doc, dict):
        return None
    return doc.get(key)  # JSON paths are case-sensitive


def json_extract_scalar(doc, key):
    """json_extract_scalar(doc, '$.key'): a string, number or boolean as text; else NULL."""
    v = json_extract(doc, key)
    if v is None or isinstance(v, (dict, list)):
        return None
    return scalar_text(v)


def between(v, lo, hi):
    return v is not None and lo <= v <= hi


def like_contains(v, needle):
    return v is not None and needle in v


def like_prefix(v, prefix):
    return v is not None and v.startswith(prefix)


def not_like_prefix(v, prefix):
    """v NOT LIKE 'prefix%': NULL (so false in WHERE) when v is NULL."""
    return v is not None and not v.startswith(prefix)


def nulls_last(v):
    return (v is None, v if v is not None else "")


def array_text(values):
    """An ARRAY(varchar) value as Trino prints it: [a, b], NULL elements as NULL."""
    return "[" + ", ".join("NULL" if v is None else v for v in values) + "]"


def distinct_sorted(values):
    """array_agg(DISTINCT x ORDER BY x): ascending, NULL last."""
    return sorted(set(values), key=nulls_last)


def fmt_ts_utc(dt):
    return dt.strftime("%Y-%m-%d %H:%M:%S") + ".%03d UTC" % (dt.microsecond // 1000)


def from_iso8601(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")


class J:
    """A cell of a JSON-text column: compared as a parsed JSON value."""

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return "J(%s)" % json_text(self.value)


def group(events, keyf):
    groups = {}
    for e in events:
        groups.setdefault(keyf(e), []).append(e)
    return groups


class Answer:
    """Rows, and for an ORDER BY the sort key of each row (to find ties)."""

    def __init__(self, rows, keys=None):
        self.rows = rows
        self.keys = keys


def ordered(pairs):
    """pairs of (sort key, row) -> an Answer in that order, keys kept."""
    pairs = sorted(pairs, key=lambda p: p[0])
    return Answer([r for _, r in pairs], [k for k, _ in pairs])


def first(pairs, n):
    a = ordered(pairs)
    return Answer(a.rows[:n], a.keys[:n + 1])  # one more key: a tie at the cut matters


# ----------------------------------------------------------------- the queries

QUERIES = {}


def query(file, fragment):
    """Registers the oracle for the next query block of `file`; `fragment` must
    occur in that block's SQL (so a moved block cannot be checked against the
    wrong function)."""
    def register(f):
        QUERIES.setdefault(file, []).append((fragment, f))
        return f
    return register


# --- athena_user_guide.test

@query("athena_user_guide.test", "ORDER BY eventtime, eventid")
def q_athena_template(ev):
    pairs = [((nulls_last(e.col("eventtime")), nulls_last(e.col("eventid"))),
              (e.user("arn"), e.col("eventname"), e.col("sourceipaddress"), e.col("eventtime")))
             for e in ev]
    return first(pairs, 10)


# --- s3_user_guide.test

def sig(e, version):
    return json_extract_scalar(e.obj("additionaleventdata"), "SignatureVersion") == version


@query("s3_user_guide.test", "EventName as S3_Action")
def q_s3_sigv_events(ev):
    pairs = [((nulls_last(e.col("eventtime")), nulls_last(e.col("eventid"))),
              (e.col("eventtime"), e.col("eventname"), J(e.obj("requestparameters")),
               e.col("awsregion"), e.col("sourceipaddress"), e.col("useragent")))
             for e in ev if e.col("eventsource") == "s3.amazonaws.com" and sig(e, "SigV4")]
    return first(pairs, 10)


def requesters(ev):
    g = group(ev, lambda e: e.user("arn"))
    return Answer([(arn, str(sum(1 for e in es if e.col("requestid") is not None)))
                   for arn, es in g.items()])


@query("s3_user_guide.test", "Count(requestid) as RequestCount")
def q_s3_sigv_requesters(ev):
    return requesters([e for e in ev
                       if e.col("eventsource") == "s3.amazonaws.com" and sig(e, "SigV4")])


@query("s3_user_guide.test", "AND region='us-west-1'")
def q_s3_sigv_requesters_partitioned(ev):
    return requesters([e for e in ev
                       if e.col("eventsource") == "s3.amazonaws.com" and sig(e, "SigV4")
                       and e.parts.get("region") == "us-west-1" and e.parts.get("year") == "2021"
                       and e.parts.get("month") == "07" and e.parts.get("day") == "29"])


def s3_object_rows(ev, name, lo, hi):
    return Answer([(e.col("eventtime"), e.col("eventname"), e.col("eventsource"),
                    e.col("sourceipaddress"), e.col("useragent"),
                    json_extract_scalar(e.obj("requestparameters"), "bucketName"),
                    json_extract_scalar(e.obj("requestparameters"), "key"), e.user("arn"))
                   for e in ev
                   if e.col("eventname") == name and between(e.col("eventtime"), lo, hi)])


@query("s3_user_guide.test", "eventName = 'PutObject'")
def q_s3_put_object(ev):
    return s3_object_rows(ev, "PutObject", "2021-07-30T00:00:00Z", "2021-07-30T00:05:00Z")


@query("s3_user_guide.test", "eventName = 'GetObject'")
def q_s3_get_object(ev):
    return s3_object_rows(ev, "GetObject", "2021-07-30T16:33:11Z", "2021-07-30T16:34:00Z")


@query("s3_user_guide.test", "userIdentity.accountId = 'anonymous'")
def q_s3_anonymous(ev):
    return Answer([(e.col("eventtime"), e.col("eventname"), e.col("eventsource"),
                    e.col("sourceipaddress"), e.col("useragent"),
                    json_extract_scalar(e.obj("requestparameters"), "bucketName"),
                    e.user("arn"), e.user("accountid"))
                   for e in ev
                   if e.user("accountid") == "anonymous"
                   and between(e.col("eventtime"), "2019-07-05T00:00:00Z", "2019-07-06T00:00:00Z")])


# --- aws_incident_response_playbooks.test

F = "aws_incident_response_playbooks.test"


def by_time(rows_of_events, rowf):
    return ordered([(nulls_last(e.col("eventtime")), rowf(e)) for e in rows_of_events])


@query(F, "MIN(eventTime) as first_seen")
def q_ir_ips_agents(ev):
    sel = [e for e in ev if e.user("accesskeyid") == "AKIAJAIQMN42O7ADSC5A"
           and between(e.col("eventtime"), "2014-01-01T00:00:00Z", "2018-01-01T00:00:00Z")]
    g = group(sel, lambda e: (e.col("sourceipaddress"), e.col("useragent")))
    pairs = []
    for (ip, ua), es in g.items():
        times = [e.col("eventtime") for e in es if e.col("eventtime") is not None]
        lo, hi = (min(times), max(times)) if times else (None, None)
        pairs.append((nulls_last(lo), (ip, ua, str(len(es)), lo, hi)))
    return ordered(pairs)


PERSISTENCE = ("CreateUser", "CreateRole", "CreateAccessKey", "CreateLoginProfile",
               "AttachUserPolicy", "AttachRolePolicy", "PutUserPolicy", "PutRolePolicy",
               "UpdateAssumeRolePolicy", "CreateFunction", "UpdateFunctionCode", "AddPermission",
               "CreateEventSourceMapping", "PutBucketPolicy", "CreateTrail", "StopLogging",
               "DeleteTrail")


@query(F, "'CreateEventSourceMapping', 'PutBucketPolicy'")
def q_ir_persistence(ev):
    sel = [e for e in ev if e.user("accesskeyid") == "AKIATFQR7NSC8Q4X20BJ"
           and e.col("eventname") in PERSISTENCE
           and between(e.col("eventtime"), "2023-07-10T12:20:00Z", "2023-07-10T12:30:00Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventname"), e.col("sourceipaddress"),
                                   J(e.obj("requestparameters")), J(e.obj("responseelements"))))


@query(F, "AND eventName = 'AssumeRole'")
def q_ir_assume_role(ev):
    sel = [e for e in ev if e.user("accesskeyid") == "AKIATFQR7NSC8Q4X20BJ"
           and e.col("eventname") == "AssumeRole"
           and between(e.col("eventtime"), "2023-07-10T12:00:00Z", "2023-07-10T12:05:00Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventname"),
                                   J(e.obj("requestparameters")), J(e.obj("responseelements")),
                                   e.col("sourceipaddress"), e.col("recipientaccountid")))


@query(F, "AND errorCode != ''")
def q_ir_errors(ev):
    sel = [e for e in ev if e.user("accesskeyid") == "AKIAJAIQMN42O7ADSC5A"
           and e.col("errorcode") is not None and e.col("errorcode") != ""
           and between(e.col("eventtime"), "2017-06-01T09:00:00Z", "2017-06-01T11:00:00Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventname"), e.col("errorcode"),
                                   e.col("errormessage"), e.col("sourceipaddress")))


KMS_OPS = ("CreateKey", "CreateGrant", "Encrypt", "ReEncryptFrom", "ReEncryptTo",
           "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ScheduleKeyDeletion",
           "DisableKey", "PutKeyPolicy")


@query(F, "LIKE '%alucloud00%'")
def q_ir_kms_by_principal(ev):
    sel = [e for e in ev if like_contains(e.user("arn"), "alucloud00")
           and e.col("eventsource") == "kms.amazonaws.com" and e.col("eventname") in KMS_OPS
           and between(e.col("eventtime"), "2014-01-01T00:00:00Z", "2018-12-31T23:59:59Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventname"), e.user("arn"),
                                   e.col("awsregion"), J(e.obj("requestparameters")),
                                   J(e.obj("responseelements")), e.col("sourceipaddress")))


@query(F, "'DeleteRecoveryPoint', 'DeleteBackupVault'")
def q_ir_bulk_deletion(ev):
    names = ("DeleteObject", "DeleteObjects", "DeleteSnapshot", "DeleteDBSnapshot",
             "DeleteDBClusterSnapshot", "DeleteRecoveryPoint", "DeleteBackupVault",
             "PutBucketVersioning", "DeleteBucketPolicy")
    sel = [e for e in ev if e.col("eventname") in names
           and between(e.col("eventtime"), "2023-01-01T00:00:00Z", "2025-01-01T00:00:00Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventsource"), e.col("eventname"),
                                   e.user("arn"), J(e.obj("requestparameters")),
                                   e.col("sourceipaddress"), e.col("awsregion")))


@query(F, "'PutBucketVersioning', 'PutObjectLockConfiguration'")
def q_ir_s3_versioning(ev):
    names = ("PutBucketVersioning", "PutObjectLockConfiguration",
             "PutBucketLifecycleConfiguration", "DeleteBucketPolicy", "PutBucketPolicy")
    sel = [e for e in ev if e.col("eventsource") == "s3.amazonaws.com"
           and e.col("eventname") in names
           and between(e.col("eventtime"), "2000-01-01T00:00:00Z", "2030-01-01T00:00:00Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventname"), e.user("arn"),
                                   J(e.obj("requestparameters")), e.col("sourceipaddress")))


def falsimentis_gets(ev):
    return [e for e in ev if e.col("eventsource") == "s3.amazonaws.com"
            and e.col("eventname") == "GetObject"
            and like_contains(json_text(e.obj("requestparameters")), "falsimentis-log")
            and between(e.col("eventtime"), "2021-07-01T00:00:00Z", "2021-08-31T00:00:00Z")]


@query(F, "DATE_TRUNC('hour', from_iso8601_timestamp(eventTime)) as hour_bucket")
def q_ir_bulk_reads(ev):
    g = group(falsimentis_gets(ev),
              lambda e: (from_iso8601(e.col("eventtime")).replace(minute=0, second=0), e.user("arn")))
    return ordered([(hour, (fmt_ts_utc(hour), arn, str(len(es))))
                    for (hour, arn), es in g.items() if len(es) > 100])


@query(F, "'secretsmanager.amazonaws.com', 'ssm.amazonaws.com'")
def q_ir_secrets(ev):
    names = ("GetSecretValue", "GetParameter", "GetParameters", "GetParametersByPath")
    sel = [e for e in ev
           if e.col("eventsource") in ("secretsmanager.amazonaws.com", "ssm.amazonaws.com")
           and e.col("eventname") in names
           and between(e.col("eventtime"), "2024-08-01T00:00:00Z", "2024-12-31T00:00:00Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventname"), e.col("sourceipaddress"),
                                   e.user("arn"), J(e.obj("requestparameters"))))


@query(F, "MIN(eventTime) as first_access")
def q_ir_get_by_principal(ev):
    g = group(falsimentis_gets(ev), lambda e: (e.user("arn"), e.col("sourceipaddress")))
    pairs = []
    for (arn, ip), es in g.items():
        times = [e.col("eventtime") for e in es]
        pairs.append((-len(es), (arn, ip, str(len(es)), min(times), max(times))))
    return ordered(pairs)


@query(F, "'PutObjectAcl', 'PutBucketPublicAccessBlock'")
def q_ir_bucket_policy_acl(ev):
    names = ("PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutObjectAcl",
             "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock")
    sel = [e for e in ev if e.col("eventsource") == "s3.amazonaws.com"
           and e.col("eventname") in names
           and between(e.col("eventtime"), "2000-01-01T00:00:00Z", "2030-01-01T00:00:00Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventname"), e.user("arn"),
                                   e.col("sourceipaddress"), J(e.obj("requestparameters"))))


@query(F, "SELECT DISTINCT json_extract_scalar")
def q_ir_other_buckets(ev):
    sel = [e for e in ev if e.user("arn") == "arn:aws:iam::342082656213:user/FalsimentisRoot"
           and e.col("eventsource") == "s3.amazonaws.com" and e.col("eventname") == "GetObject"
           and between(e.col("eventtime"), "2021-07-01T00:00:00Z", "2021-08-31T00:00:00Z")]
    return Answer([(b,) for b in {json_extract_scalar(e.obj("requestparameters"), "bucketName")
                                  for e in sel}])


@query(F, "AKIAY964QRZ7YSGWGVUH")
def q_ir_data_access_by_key(ev):
    sources = ("s3.amazonaws.com", "dynamodb.amazonaws.com", "secretsmanager.amazonaws.com",
               "ssm.amazonaws.com")
    names = ("GetObject", "GetItem", "BatchGetItem", "GetSecretValue", "GetParameter",
             "GetParameters")
    sel = [e for e in ev if e.user("accesskeyid") == "AKIAY964QRZ7YSGWGVUH"
           and e.col("eventsource") in sources and e.col("eventname") in names
           and between(e.col("eventtime"), "2024-08-01T00:00:00Z", "2024-08-02T00:00:00Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventname"), e.col("eventsource"),
                                   J(e.obj("requestparameters")), e.col("sourceipaddress")))


def session_issuer_type(e):
    issuer = lower_keys(lower_keys(e.ui.get("sessioncontext")).get("sessionissuer"))
    return scalar_text(issuer.get("type"))


@query(F, "userIdentity.sessionContext.sessionIssuer.type = 'Role'")
def q_ir_federated_escalation(ev):
    names = ("CreateUser", "CreateRole", "CreateAccessKey", "AttachRolePolicy",
             "AttachUserPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicyVersion",
             "UpdateAssumeRolePolicy", "CreateSAMLProvider", "UpdateSAMLProvider",
             "CreateLoginProfile")
    sel = [e for e in ev if session_issuer_type(e) == "Role" and e.col("eventname") in names
           and between(e.col("eventtime"), "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    return by_time(sel, lambda e: (e.col("eventtime"), e.col("eventname"), e.col("sourceipaddress"),
                                   e.user("arn"), J(e.obj("requestparameters")),
                                   e.col("errorcode")))


# --- aws_ir_playbooks_workshop.test

W = "aws_ir_playbooks_workshop.test"
WORKSHOP_REGIONS = ("us-east-1", "us-east-2", "us-west-2", "us-west-2")


def in_partitions(e, account, lo, hi):
    d = e.parts.get("date_partition")
    return (d is not None and lo <= d <= hi and e.parts.get("account_partition") == account
            and e.parts.get("region_partition") in WORKSHOP_REGIONS)


def sans_july(ev):
    return [e for e in ev if in_partitions(e, "342082656213", "2021/07/01", "2021/07/31")]


@query(W, "GROUP BY region_partition\n")
def q_ws_regions(ev):
    g = group(sans_july(ev), lambda e: e.parts["region_partition"])
    return ordered([(-len(es), (r, str(len(es)))) for r, es in g.items()])


@query(W, "GROUP BY region_partition, eventname")
def q_ws_region_eventnames(ev):
    g = group(sans_july(ev), lambda e: (e.parts["region_partition"], e.col("eventname")))
    return ordered([((r, -len(es)), (r, n, str(len(es)))) for (r, n), es in g.items()])


@query(W, "(eventname = 'AssumeRole' OR eventname = 'ConsoleLogin')")
def q_ws_logins(ev):
    sel = [e for e in ev if in_partitions(e, "974349055189", "2017/06/01", "2017/06/30")
           and e.user("arn") is not None
           and e.col("eventname") in ("AssumeRole", "ConsoleLogin")]
    g = group(sel, lambda e: (e.user("arn"), e.col("eventname")))
    return ordered([(n, (arn, n, array_text(distinct_sorted(e.col("sourceipaddress") for e in es))))
                    for (arn, n), es in g.items()])


def not_read_call(e):
    n = e.col("eventname")
    return (not_like_prefix(n, "Get") and not_like_prefix(n, "List")
            and not_like_prefix(n, "Describe"))


@query(W, "AS useragents FROM cloudtrail_logs")
def q_ws_user_activity(ev):
    sel = [e for e in sans_july(ev)
           if e.col("eventname") is not None and e.col("eventname") != "AssumeRole"
           and not_read_call(e)]
    g = group(sel, lambda e: (e.user("arn"), e.user("principalid"), e.user("username")))
    return Answer([(arn, user,
                    array_text(distinct_sorted(e.col("eventname") for e in es)),
                    array_text(distinct_sorted(e.col("sourceipaddress") for e in es)),
                    array_text(distinct_sorted(e.col("useragent") for e in es)))
                   for (arn, _pid, user), es in g.items()])


@query(W, "eventsource = 'iam.amazonaws.com'")
def q_ws_iam_changes(ev):
    sel = [e for e in sans_july(ev) if e.col("eventsource") == "iam.amazonaws.com"
           and not_read_call(e) and e.col("errorcode") is None]
    return ordered([((e.parts["account_partition"], nulls_last(e.col("eventtime"))),
                     (e.col("eventtime"), e.user("arn"), e.user("username"), e.col("eventname"),
                      J(e.obj("requestparameters")))) for e in sel])


def invictus_july(ev):
    return [e for e in ev if in_partitions(e, "218007301253", "2023/07/01", "2023/07/31")]


@query(W, "eventname = 'CreateAccessKey'")
def q_ws_access_keys(ev):
    sel = [e for e in invictus_july(ev)
           if e.col("eventname") == "CreateAccessKey" and e.col("errorcode") is None]
    rows = []
    for e in sel:
        key = json_extract(e.obj("responseelements"), "accessKey")
        rows.append(((e.parts["account_partition"], nulls_last(e.col("eventtime"))),
                     (e.col("eventtime"), e.user("arn"), e.user("username"), e.col("eventname"),
                      json_extract_scalar(key, "userName"),
                      json_extract_scalar(key, "accessKeyId"))))
    return ordered(rows)


@query(W, "('UpdateLoginProfile', 'CreateLoginProfile')")
def q_ws_password_changes(ev):
    sel = [e for e in invictus_july(ev)
           if e.col("eventname") in ("UpdateLoginProfile", "CreateLoginProfile")
           and e.col("errorcode") is None]
    return ordered([((e.parts["account_partition"], nulls_last(e.col("eventtime"))),
                     (e.col("eventtime"), e.user("arn"), e.user("username"), e.col("eventname"),
                      json_extract_scalar(e.obj("requestparameters"), "userName")))
                    for e in sel])


# ----------------------------------------------------------------- .test files


def parse_test_file(path):
    """The blocks of a sqllogictest-style file: (kind, line, sort, sql, expected)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks, i = [], 0
    while i < len(lines):
        line = lines[i].strip()
        if not line or line.startswith("#"):
            i += 1
            continue
        words = line.split()
        start = i + 1
        i += 1
        if words[0] in ("load", "load-shared"):
            blocks.append(("load", start, None, None, None))
            continue
        sql = []
        while i < len(lines) and lines[i].strip() and lines[i] != "----":
            sql.append(lines[i])
            i += 1
        expected = []
        if i < len(lines) and lines[i] == "----":
            i += 1
            while i < len(lines) and lines[i] != "":
                expected.append(lines[i])
                i += 1
        sort = words[2] if words[0] == "query" and len(words) > 2 else "nosort"
        blocks.append((words[0], start, sort, "\n".join(sql), expected))
    return blocks


def cell_text(v):
    return "NULL" if v is None else ("(empty)" if v == "" else v)


def cell_matches(expected, actual):
    if isinstance(actual, J):
        if actual.value is None:
            return expected == "NULL"
        try:
            return json.loads(expected) == actual.value
        except ValueError:
            return False
    return expected == cell_text(actual)


def row_matches(expected_line, row):
    cells = expected_line.split("\t")
    return len(cells) == len(row) and all(cell_matches(c, v) for c, v in zip(cells, row))


def show(row):
    return "\t".join(json_text(v.value) if isinstance(v, J) else cell_text(v) for v in row)


def compare(sort, expected, answer):
    """'' when the expected lines are the answer, else what differs."""
    rows = answer.rows
    if len(expected) != len(rows):
        return "%d expected rows, the oracle has %d" % (len(expected), len(rows))
    if sort == "rowsort":
        left = list(rows)
        for line in expected:
            for k, row in enumerate(left):
                if row_matches(line, row):
                    del left[k]
                    break
            else:
                return "expected row not in the oracle's answer: " + line
        return ""
    for n, (line, row) in enumerate(zip(expected, rows)):
        if not row_matches(line, row):
            return "row %d: expected %s, oracle %s" % (n + 1, line, show(row))
    if answer.keys is None:
        return "nosort block, but the oracle has no ORDER BY keys for it"
    keys = answer.keys
    for k in range(1, len(keys)):
        if keys[k] == keys[k - 1] and (k >= len(rows) or show(rows[k]) != show(rows[k - 1])):
            return "ORDER BY leaves a tie at row %d: the block must be rowsort" % k
    return ""


# ----------------------------------------------------------------- main


def ctq_count(ctq, data_dir):
    out = subprocess.run([ctq, "--format", "csv", "--logs", data_dir, "-c",
                          "select count(*) as n from cloudtrail_logs"],
                         check=True, capture_output=True, text=True).stdout.split()
    return int(out[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--tests", default=DEFAULT_TESTS)
    ap.add_argument("--ctq", help="a ctq binary, to compare event counts")
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        print("SKIP: real CloudTrail logs not found at %s (shared/data/cloudtrail-real "
              "beside the repository)" % args.data)
        return SKIP

    events, files = load(args.data)
    print("oracle read %d events from %d files" % (len(events), files))
    failures = 0
    if (len(events), files) != (EXPECTED_EVENTS, EXPECTED_FILES):
        print("FAIL: SOURCES.md says %d events in %d files" % (EXPECTED_EVENTS, EXPECTED_FILES))
        failures += 1
    if args.ctq:
        n = ctq_count(args.ctq, args.data)
        print("ctq counts %d events" % n)
        if n != len(events):
            print("FAIL: ctq and the oracle count different events")
            failures += 1

    checked = 0
    names = sorted(f for f in os.listdir(args.tests) if f.endswith(".test"))
    for name in names:
        oracles = list(QUERIES.get(name, []))
        queries = [b for b in parse_test_file(os.path.join(args.tests, name)) if b[0] == "query"]
        if len(oracles) != len(queries):
            print("FAIL %s: %d query blocks, %d oracle functions" % (name, len(queries), len(oracles)))
            failures += 1
            continue
        for (kind, line, sort, sql, expected), (fragment, f) in zip(queries, oracles):
            where = "%s:%d (%s)" % (name, line, f.__name__)
            if fragment not in sql:
                print("FAIL %s: the SQL does not contain %r" % (where, fragment))
                failures += 1
                continue
            diff = compare(sort, expected, f(events))
            checked += 1
            if diff:
                print("FAIL %s: %s" % (where, diff))
                failures += 1
            else:
                print("ok   %s: %d rows" % (where, len(expected)))
    for name in sorted(set(QUERIES) - set(names)):
        print("FAIL: oracle functions for a missing file %s" % name)
        failures += 1
    print("%d query blocks checked, %d failures" % (checked, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
