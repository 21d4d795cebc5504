"""Result settings on result objects through boto3: CSE_KMS client-side envelope encryption with a local key
registry, and SSE / ACL recorded with local result objects (extended attributes, as S3Proxy's filesystem backend
stores object metadata)."""

import os
import re
import stat
import subprocess
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from athena_helpers import error_details, run_query

QUERY = ("SELECT x, 'confidential-' || CAST(x AS varchar) AS label "
         "FROM UNNEST(sequence(1, 4000)) AS t(x) ORDER BY x")
# Java's user-defined attribute "user.user-metadata.<name>" (jclouds' spelling) is the Linux xattr "user.<that>"
USER_METADATA_XATTR = "user.user.user-metadata."
PALLAS_XATTR = "user.user.pallas."
LAUNCHER = os.environ.get("PALLAS_LAUNCHER") or str(Path(__file__).resolve().parents[2] / "pallas")


@pytest.fixture(scope="module")
def kms_server(start_pallas, kms_keys):
    return start_pallas("pallas-kms", *kms_keys.serve_args())


@pytest.fixture(scope="module")
def kms_athena(kms_server):
    return kms_server.athena_client()


def all_rows(client, query_execution_id):
    rows = []
    for page in client.get_paginator("get_query_results").paginate(QueryExecutionId=query_execution_id):
        rows.extend([datum.get("VarCharValue") for datum in row["Data"]] for row in page["ResultSet"]["Rows"])
    return rows


def cse_kms(key):
    return {"EncryptionConfiguration": {"EncryptionOption": "CSE_KMS", "KmsKey": key}}


def xattrs(path):
    return {name: os.getxattr(path, name).decode("ascii") for name in os.listxattr(path)}


@pytest.mark.parametrize("key_name", ["KEY_ARN", "KEY_ID", "ALIAS"])
def test_cse_kms_results_are_ciphertext_at_rest_and_plain_through_get_query_results(kms_server, kms_athena, kms_keys, key_name):
    execution = run_query(kms_athena, QUERY, ResultConfiguration=cse_kms(getattr(kms_keys, key_name)))
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    location = execution["ResultConfiguration"]["OutputLocation"]
    assert execution["ResultConfiguration"]["EncryptionConfiguration"]["EncryptionOption"] == "CSE_KMS"

    for path in (kms_server.result_file(location), kms_server.result_file(location + ".metadata")):
        stored = path.read_bytes()
        assert b"confidential" not in stored and b"label" not in stored
        metadata = xattrs(path)
        assert metadata[USER_METADATA_XATTR + "x-amz-matdesc"] == '{"kms_cmk_id":"%s"}' % kms_keys.KEY_ARN
        assert metadata[USER_METADATA_XATTR + "x-amz-wrap-alg"] == "AES/GCM"
        assert USER_METADATA_XATTR + "x-amz-key-v2" in metadata

    rows = all_rows(kms_athena, execution["QueryExecutionId"])
    assert rows[0] == ["x", "label"]
    assert rows[1:] == [[str(x), f"confidential-{x}"] for x in range(1, 4001)]


def test_reused_cse_kms_result_is_decrypted(kms_athena, kms_keys):
    settings = dict(ResultConfiguration=cse_kms(kms_keys.ALIAS),
                    ResultReuseConfiguration={"ResultReuseByAgeConfiguration": {"Enabled": True}})
    first = run_query(kms_athena, "SELECT 'reuse me' AS phrase", **settings)
    second = run_query(kms_athena, "SELECT 'reuse me' AS phrase", **settings)
    assert second["Statistics"]["ResultReuseInformation"]["ReusedPreviousResult"] is True
    assert second["ResultConfiguration"]["OutputLocation"] == first["ResultConfiguration"]["OutputLocation"]
    assert all_rows(kms_athena, second["QueryExecutionId"]) == [["phrase"], ["reuse me"]]


def test_unknown_kms_key_fails_the_query_and_writes_nothing(kms_server, kms_athena):
    execution = run_query(kms_athena, "SELECT 1", ResultConfiguration=cse_kms("alias/no-such-key"))
    status = execution["Status"]
    assert status["State"] == "FAILED"
    assert status["AthenaError"]["ErrorCategory"] == 2
    assert status["AthenaError"]["ErrorType"] == 1500
    assert status["StateChangeReason"] == (
        "PERMISSION_DENIED: Cannot encrypt the query results with CSE_KMS: KMS key 'alias/no-such-key' "
        "does not exist in the Pallas KMS key registry (kms-keys-file)")
    assert not kms_server.result_file(execution["ResultConfiguration"]["OutputLocation"]).exists()
    with pytest.raises(ClientError) as raised:
        kms_athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])
    assert error_details(raised.value)[:2] == ("InvalidRequestException", "INVALID_QUERY_EXECUTION_STATE")


def test_work_group_enforced_cse_kms_encrypts_whatever_the_client_asks(kms_server, kms_athena, kms_keys):
    kms_athena.create_work_group(Name="cse-enforced", Configuration={
        "EnforceWorkGroupConfiguration": True,
        "ResultConfiguration": {"OutputLocation": "s3://cse-enforced/", **cse_kms(kms_keys.KEY_ARN)}})
    execution = run_query(kms_athena, "SELECT 'enforced secret' AS s", WorkGroup="cse-enforced",
                          ResultConfiguration={"EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}})
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    path = kms_server.result_file(execution["ResultConfiguration"]["OutputLocation"])
    assert b"enforced secret" not in path.read_bytes()
    assert all_rows(kms_athena, execution["QueryExecutionId"]) == [["s"], ["enforced secret"]]


def test_tampered_result_fails_get_query_results_clearly(kms_server, kms_athena, kms_keys):
    execution = run_query(kms_athena, "SELECT 'tamper' AS t", ResultConfiguration=cse_kms(kms_keys.KEY_ID))
    path = kms_server.result_file(execution["ResultConfiguration"]["OutputLocation"])
    data = bytearray(path.read_bytes())
    data[0] ^= 1
    with open(path, "r+b") as out:  # in place: the metadata in the extended attributes stays
        out.write(data)
    with pytest.raises(ClientError) as raised:
        kms_athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])
    code, _, message = error_details(raised.value)
    assert code == "InternalServerException"
    assert "cannot be decrypted" in message and "failed authentication at segment 0" in message


def test_sse_and_acl_are_recorded_with_local_result_objects(server, athena):
    execution = run_query(athena, "SELECT 1", ResultConfiguration={
        "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": "alias/sse-key"},
        "AclConfiguration": {"S3AclOption": "BUCKET_OWNER_FULL_CONTROL"}})
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    location = execution["ResultConfiguration"]["OutputLocation"]
    for path in (server.result_file(location), server.result_file(location + ".metadata")):
        recorded = xattrs(path)
        assert recorded[PALLAS_XATTR + "x-amz-server-side-encryption"] == "aws:kms"
        assert recorded[PALLAS_XATTR + "x-amz-server-side-encryption-aws-kms-key-id"] == "alias/sse-key"
        assert recorded[PALLAS_XATTR + "x-amz-acl"] == "bucket-owner-full-control"
    assert server.result_file(location).read_text() == '"_col0"\n"1"\n'

    sse_s3 = run_query(athena, "SELECT 2", ResultConfiguration={"EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}})
    recorded = xattrs(server.result_file(sse_s3["ResultConfiguration"]["OutputLocation"]))
    assert recorded[PALLAS_XATTR + "x-amz-server-side-encryption"] == "AES256"
    assert PALLAS_XATTR + "x-amz-acl" not in recorded


def test_pallas_kms_key_create_writes_a_private_registry_the_server_uses(kms_server, start_pallas, tmp_path):
    keys_file = tmp_path / "created" / "kms-keys.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PALLAS_")}
    completed = subprocess.run([LAUNCHER, "kms-key", "create", "--alias", "alias/from-cli", "--kms-keys-file", str(keys_file)],
                               cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    created = re.search(r"Use it as KmsKey: (arn:aws:kms:us-east-1:123456789012:key/[0-9a-f-]{36})", completed.stdout)
    assert created, completed.stdout
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600

    pallas = start_pallas("pallas-cli-key", "--kms-keys-file", str(keys_file))
    client = pallas.athena_client()
    for key in ("alias/from-cli", created.group(1)):
        execution = run_query(client, "SELECT 'cli' AS k", ResultConfiguration=cse_kms(key))
        assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
        assert b"cli" not in pallas.result_file(execution["ResultConfiguration"]["OutputLocation"]).read_bytes()
        assert all_rows(client, execution["QueryExecutionId"]) == [["k"], ["cli"]]
