"""End-to-end test fixtures: a real Pallas server, a boto3 Athena client and an AWS CLI helper.

The server is started once per session with `<launcher> serve --port 0 --data-dir <tmp>`, where the
launcher is $PALLAS_LAUNCHER (default: the repository's `pallas` script). The launcher builds the Java
code first when the sources changed, so waiting for the ready line allows for a build.
"""

import base64
import json
import os
import re
import secrets
import signal
import subprocess
import threading
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

REPO_ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = os.environ.get("PALLAS_LAUNCHER") or str(REPO_ROOT / "pallas")
REGION = "us-east-1"
READY_TIMEOUT_SECONDS = 120
STOP_TIMEOUT_SECONDS = 15

READY_LINE = re.compile(r"^Pallas is ready on (http://127\.0\.0\.1:(\d+)) in \d+ ms")
TRY_LINE = re.compile(r"^Try: (.*)$")
S3_API_LINE = re.compile(r"^The local store's S3 API is on (http://127\.0\.0\.1:(\d+))")

# Credentials for every client in this process and its children: no profile or config file needed,
# and nothing from the developer's own AWS setup leaks in.
os.environ["AWS_ACCESS_KEY_ID"] = "pallas"
os.environ["AWS_SECRET_ACCESS_KEY"] = "pallas"
os.environ["AWS_DEFAULT_REGION"] = REGION
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
for _name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
              "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ATHENA", "AWS_DEFAULT_OUTPUT"):
    os.environ.pop(_name, None)


class PallasServer:
    """A running `pallas serve` process and what it printed."""

    def __init__(self, data_dir: Path, extra_args=()):
        self.data_dir = Path(data_dir)
        self.stdout_lines = []
        self.endpoint = None
        self.port = None
        self.try_command = None
        self.s3_endpoint = None  # the local store's S3 API, when started with --local-s3-port
        self._ready = threading.Event()
        self._stderr_path = self.data_dir.parent / (self.data_dir.name + "-server.stderr")
        self._stderr = open(self._stderr_path, "wb")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PALLAS_")}
        env["TZ"] = "America/Los_Angeles"
        self.process = subprocess.Popen(
            # no S3 API child process unless a test asks for one (--local-s3-port 0): its default port is fixed
            [LAUNCHER, "serve", "--port", "0", "--data-dir", str(self.data_dir), "--local-s3-port", "off", *extra_args],
            cwd=str(self.data_dir),  # no stray pallas.properties is picked up
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            start_new_session=True,  # own process group, so a build in progress can be stopped too
        )
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()

    def _read_stdout(self):
        for raw in self.process.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.stdout_lines.append(line)
            ready = READY_LINE.match(line)
            if ready:
                self.endpoint, self.port = ready.group(1), int(ready.group(2))
            s3_api = S3_API_LINE.match(line)
            if s3_api:
                self.s3_endpoint = s3_api.group(1)
            tried = TRY_LINE.match(line)
            if tried and self.endpoint:
                self.try_command = tried.group(1)
                self._ready.set()
        self._ready.set()  # stdout closed: the process is gone; wait_ready reports it

    def wait_ready(self, timeout=READY_TIMEOUT_SECONDS):
        if not self._ready.wait(timeout) or self.try_command is None:
            self.stop()
            raise RuntimeError(
                f"Pallas did not print its ready and Try lines within {timeout} s "
                f"(exit code {self.process.poll()}).\n--- stdout ---\n" + "\n".join(self.stdout_lines[-40:])
                + "\n--- stderr ---\n" + self.stderr_tail())
        return self

    def stderr_tail(self, limit=6000):
        try:
            return self._stderr_path.read_text("utf-8", "replace")[-limit:]
        except OSError:
            return ""

    def result_file(self, s3_uri: str) -> Path:
        """Where the local object store keeps `s3://bucket/key`."""
        assert s3_uri.startswith("s3://"), s3_uri
        return self.data_dir / "s3" / s3_uri[len("s3://"):]

    def athena_client(self, **config):
        return boto3.client(
            "athena",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id="pallas",
            aws_secret_access_key="pallas",
            config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60, **config),
        )

    def _signal_group(self, signum):
        """Signals the process group this fixture started (the launcher execs the JVM, so normally just the JVM)."""
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            pass

    def stop(self):
        if self.process.poll() is None:
            time.sleep(0.2)  # let in-flight responses drain before stopping
            self._signal_group(signal.SIGTERM)  # the server (or a build still running) stops on SIGTERM
            try:
                self.process.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self.process.wait(STOP_TIMEOUT_SECONDS)
        if self.process.stdout:
            self.process.stdout.close()
        self._stderr.close()


def start_server(tmp_path_factory, name, extra_args=()):
    return PallasServer(tmp_path_factory.mktemp(name), extra_args).wait_ready()


@pytest.fixture(scope="session")
def start_pallas(tmp_path_factory):
    """Starts extra servers (own data dir, port 0) with extra `serve` options; stops them at the end of the session."""
    started = []

    def start(name, *extra_args):
        pallas = start_server(tmp_path_factory, name, extra_args)
        started.append(pallas)
        return pallas

    yield start
    for pallas in started:
        pallas.stop()


class KmsKeyRegistry:
    """A `kms-keys-file` written for a server: one key with random material, named by id, ARN and alias."""

    KEY_ID = "5e1f0c2a-7b3d-4e8f-9a6b-0c1d2e3f4a5b"
    KEY_ARN = f"arn:aws:kms:{REGION}:123456789012:key/{KEY_ID}"
    ALIAS = "alias/pallas-test-results"

    def __init__(self, path: Path):
        self.path = Path(path)
        registry = {"keys": [{"keyId": self.KEY_ID,
                              "keyMaterial": base64.b64encode(secrets.token_bytes(32)).decode("ascii"),
                              "aliases": [self.ALIAS]}]}
        self.path.write_text(json.dumps(registry, indent=2))
        self.path.chmod(0o600)

    def serve_args(self):
        """The `serve` options that configure this registry."""
        return ("--kms-keys-file", str(self.path))


@pytest.fixture(scope="session")
def kms_keys(tmp_path_factory):
    """A KMS key registry file (see KmsKeyRegistry) to start servers with: start_pallas(name, *kms_keys.serve_args())."""
    return KmsKeyRegistry(tmp_path_factory.mktemp("kms") / "kms-keys.json")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The shared Pallas server (default settings: primary workgroup writes to s3://pallas-query-results/)."""
    started = start_server(tmp_path_factory, "pallas-data")
    yield started
    started.stop()


@pytest.fixture(scope="session")
def athena(server):
    """A boto3 Athena client pointed at the shared server, with retries disabled."""
    return server.athena_client()


class AwsCli:
    """Runs the AWS CLI (v1 on PATH) against a server, with the test credentials in its environment."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    @staticmethod
    def env():
        return dict(os.environ)

    def run_shell(self, command_line, timeout=60):
        """Runs a complete shell command line with bash, as a user would paste it."""
        return subprocess.run(["bash", "-c", command_line], env=self.env(), capture_output=True,
                              text=True, timeout=timeout)

    def athena(self, *args, timeout=60):
        """`aws athena <args> --endpoint-url … --region us-east-1 --output json`; returns the parsed JSON."""
        command = ["aws", "athena", *args, "--endpoint-url", self.endpoint, "--region", REGION, "--output", "json"]
        completed = subprocess.run(command, env=self.env(), capture_output=True, text=True, timeout=timeout)
        assert completed.returncode == 0, (
            f"{command} exited with {completed.returncode}\nstdout: {completed.stdout}\nstderr: {completed.stderr}")
        return json.loads(completed.stdout) if completed.stdout.strip() else {}


@pytest.fixture(scope="session")
def aws_cli(server):
    return AwsCli(server.endpoint)
