"""A server started with `--access-keys-file` (AWS CLI credentials format): boto3 and the AWS CLI must sign with a
configured key; wrong or missing signatures get the errors AWS answers (contract 3.3, 3.5)."""

import json
import os
import subprocess

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from athena_helpers import error_details, run_query

KEY_ID = "AKIDPALLASSIGV4"
SECRET = "sigv4/test+secret"
TEMPORARY_KEY_ID = "ASIAPALLASSIGV4"
TEMPORARY_SECRET = "temporary-secret"
SESSION_TOKEN = "session/token+=="
SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS "
                      "Secret Access Key and signing method. Consult the service documentation for details.")


@pytest.fixture(scope="module")
def signed_server(start_pallas, tmp_path_factory):
    credentials = tmp_path_factory.mktemp("sigv4-keys") / "credentials"
    credentials.write_text(
        "[pallas]\n"
        f"aws_access_key_id = {KEY_ID}\n"
        f"aws_secret_access_key = {SECRET}\n"
        "\n"
        "[temporary]\n"
        f"aws_access_key_id = {TEMPORARY_KEY_ID}\n"
        f"aws_secret_access_key = {TEMPORARY_SECRET}\n"
        f"aws_session_token = {SESSION_TOKEN}\n")
    return start_pallas("pallas-sigv4", "--access-keys-file", str(credentials))


def client(server, key_id, secret, token=None, **config):
    return boto3.client("athena", endpoint_url=server.endpoint, region_name="us-east-1",
                        aws_access_key_id=key_id, aws_secret_access_key=secret, aws_session_token=token,
                        config=Config(retries={"max_attempts": 1}, **config))


def test_boto3_with_a_configured_key_is_served(signed_server):
    athena = client(signed_server, KEY_ID, SECRET)
    assert athena.get_work_group(WorkGroup="primary")["WorkGroup"]["Name"] == "primary"
    execution = run_query(athena, "SELECT 1")
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]


def test_boto3_with_temporary_credentials_is_served(signed_server):
    athena = client(signed_server, TEMPORARY_KEY_ID, TEMPORARY_SECRET, SESSION_TOKEN)
    assert athena.list_work_groups()["WorkGroups"][0]["Name"] == "primary"


@pytest.mark.parametrize(("key_id", "secret", "token", "code", "message"), [
    (KEY_ID, "wrong", None, "InvalidSignatureException", SIGNATURE_MISMATCH),
    ("AKIDUNKNOWN", SECRET, None, "UnrecognizedClientException", "The security token included in the request is invalid."),
    (TEMPORARY_KEY_ID, TEMPORARY_SECRET, "other-token", "UnrecognizedClientException",
     "The security token included in the request is invalid."),
])
def test_boto3_with_bad_credentials_is_refused(signed_server, key_id, secret, token, code, message):
    athena = client(signed_server, key_id, secret, token)
    with pytest.raises(ClientError) as caught:
        athena.start_query_execution(QueryString="SELECT 1")
    assert error_details(caught.value) == (code, None, message)
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_unsigned_request_is_missing_its_token(signed_server):
    athena = client(signed_server, KEY_ID, SECRET, signature_version=UNSIGNED)
    with pytest.raises(ClientError) as caught:
        athena.list_work_groups()
    assert error_details(caught.value) == ("MissingAuthenticationTokenException", None, "Missing Authentication Token")
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def aws_cli(server, key_id, secret, *args):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=key_id, AWS_SECRET_ACCESS_KEY=secret)
    return subprocess.run(["aws", "athena", *args, "--endpoint-url", server.endpoint, "--region", "us-east-1",
                           "--output", "json"], env=env, capture_output=True, text=True, timeout=60)


def test_try_command_omits_credentials_when_keys_are_configured(signed_server):
    assert signed_server.try_command.startswith("aws athena start-query-execution "), signed_server.try_command
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY_ID, AWS_SECRET_ACCESS_KEY=SECRET)
    completed = subprocess.run(["bash", "-c", signed_server.try_command], env=env, capture_output=True, text=True,
                               timeout=60)
    assert completed.returncode == 0, f"stdout: {completed.stdout}\nstderr: {completed.stderr}"
    assert "QueryExecutionId" in json.loads(completed.stdout)


def test_aws_cli_signs_with_the_configured_key(signed_server):
    completed = aws_cli(signed_server, KEY_ID, SECRET, "get-work-group", "--work-group", "primary")
    assert completed.returncode == 0, f"stdout: {completed.stdout}\nstderr: {completed.stderr}"
    assert json.loads(completed.stdout)["WorkGroup"]["Name"] == "primary"


def test_aws_cli_with_a_wrong_secret_reports_the_signature_error(signed_server):
    completed = aws_cli(signed_server, KEY_ID, "wrong", "get-work-group", "--work-group", "primary")
    assert completed.returncode != 0
    assert ("An error occurred (InvalidSignatureException) when calling the GetWorkGroup operation: "
            + SIGNATURE_MISMATCH) in completed.stderr
