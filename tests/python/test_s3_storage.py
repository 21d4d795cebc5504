"""Table data and results on S3: the local store over its S3 API (S3Proxy child process), and buckets routed to
an S3-compatible server (moto_server, started here). Data goes up with `aws s3 cp`, queries go through boto3's
Athena client, results come back from S3 with boto3 as PyAthena's pandas cursor reads them."""
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from athena_helpers import wait_for_query
from conftest import REGION, PallasServer

CITIES = "Lisbon,545000\nPorto,232000\nBraga,193000\n"


def s3_client(endpoint, key="pallas", secret="pallas"):
    return boto3.client("s3", endpoint_url=endpoint, region_name=REGION, aws_access_key_id=key,
                        aws_secret_access_key=secret,
                        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def aws_s3(endpoint, *args, env=None):
    completed = subprocess.run(["aws", "s3", *args, "--endpoint-url", endpoint, "--region", REGION],
                               env=env or dict(os.environ), capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, (args, completed.stdout, completed.stderr)
    return completed.stdout


def query(athena, sql, **kwargs):
    query_id = athena.start_query_execution(QueryString=sql, **kwargs)["QueryExecutionId"]
    execution = wait_for_query(athena, query_id)
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    return execution


def child_pids(pid):
    children = Path(f"/proc/{pid}/task")
    found = []
    for task in children.iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(child) for child in text)
    return found


def s3proxy_pid(server):
    for child in child_pids(server.process.pid):
        try:
            if b"S3ProxyLauncher" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except OSError:
            continue
    raise AssertionError("no S3Proxy child process")


def wait_gone(pid, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # a zombie has exited: only its parent's wait is missing
        try:
            if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
                return True
        except OSError:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def lone(start_pallas):
    """A Pallas on its own, with its local store served over S3 on a free port."""
    return start_pallas("s3-api", "--local-s3-port", "0")


def test_aws_s3_cp_into_the_local_store_then_query_and_read_the_result_csv(lone, tmp_path):
    assert lone.s3_endpoint, lone.stdout_lines
    data = tmp_path / "cities.csv"
    data.write_text(CITIES)
    aws_s3(lone.s3_endpoint, "mb", "s3://uploads")
    aws_s3(lone.s3_endpoint, "cp", str(data), "s3://uploads/cities/part-0.csv")
    assert (lone.data_dir / "s3" / "uploads" / "cities" / "part-0.csv").read_text() == CITIES

    athena = lone.athena_client()
    query(athena, "CREATE EXTERNAL TABLE cities (name string, population bigint) "
                  "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://uploads/cities/'")
    execution = query(athena, "SELECT name, population FROM cities WHERE population > 200000 ORDER BY name")
    output = execution["ResultConfiguration"]["OutputLocation"]
    bucket, key = output[len("s3://"):].split("/", 1)

    s3 = s3_client(lone.s3_endpoint)
    csv = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
    assert csv == '"name","population"\n"Lisbon","545000"\n"Porto","232000"\n'
    listed = aws_s3(lone.s3_endpoint, "ls", f"s3://{bucket}/")
    assert key in listed and key + ".metadata" in listed
    # only bucket directories are buckets: metadata.db and the cache are not exposed
    assert {b["Name"] for b in s3.list_buckets()["Buckets"]} == {"uploads", bucket}


def test_the_s3_port_wants_the_servers_credentials_when_keys_are_configured(start_pallas, tmp_path):
    keys = tmp_path / "credentials"
    keys.write_text("[team]\naws_access_key_id = AKIDTEAM\naws_secret_access_key = team-secret\n")
    guarded = start_pallas("s3-api-keys", "--local-s3-port", "0", "--access-keys-file", str(keys))
    good = s3_client(guarded.s3_endpoint, "AKIDTEAM", "team-secret")
    good.create_bucket(Bucket="team-data")
    good.put_object(Bucket="team-data", Key="x.csv", Body=b"1\n")
    with pytest.raises(ClientError) as refused:
        s3_client(guarded.s3_endpoint, "pallas", "pallas").list_objects_v2(Bucket="team-data")
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_s3proxy_ends_with_the_server(tmp_path, signum):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    pallas = PallasServer(data_dir, ("--local-s3-port", "0")).wait_ready()
    try:
        child = s3proxy_pid(pallas)
        # only the server's JVM is signalled, not its process group: the child must notice on its own
        os.kill(pallas.process.pid, signum)
        pallas.process.wait(20)
        # (no probe of the freed port: on a busy machine another process may be given it at once)
        assert wait_gone(child), f"S3Proxy {child} outlived the server after signal {signum}"
    finally:
        pallas.stop()


@pytest.fixture(scope="module")
def moto():
    if shutil.which("moto_server") is None:
        pytest.skip("moto_server is not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        assert time.monotonic() < deadline, "moto_server did not start"
        time.sleep(0.1)
    yield endpoint
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(15)


def test_tables_and_results_in_buckets_routed_to_an_s3_server(moto, start_pallas, tmp_path):
    pallas = start_pallas("s3-routed", "--s3-buckets", "lake,athena-results", "--s3-endpoint", moto,
                          "--s3-access-key-id", "testing", "--s3-secret-access-key", "testing",
                          "--s3-create-buckets", "true")
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
    data = tmp_path / "cities.csv"
    data.write_text(CITIES)
    aws_s3(moto, "mb", "s3://lake", env=env)
    aws_s3(moto, "cp", str(data), "s3://lake/cities/part-0.csv", env=env)

    athena = pallas.athena_client()
    query(athena, "CREATE EXTERNAL TABLE cities (name string, population bigint) "
                  "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/cities/'")
    execution = query(athena, "SELECT count(*) AS n, sum(population) AS total FROM cities",
                      ResultConfiguration={"OutputLocation": "s3://athena-results/q/",
                                           "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}})
    assert execution["Statistics"]["DataScannedInBytes"] == len(CITIES)
    assert execution["ResultConfiguration"]["OutputLocation"] == f"s3://athena-results/q/{execution['QueryExecutionId']}.csv"
    s3 = s3_client(moto, "testing", "testing")
    result = s3.get_object(Bucket="athena-results", Key=f"q/{execution['QueryExecutionId']}.csv")
    assert result["ServerSideEncryption"] == "AES256"
    assert result["Body"].read().decode() == '"n","total"\n"3","970000"\n'
    assert not (pallas.data_dir / "s3" / "lake").exists()
