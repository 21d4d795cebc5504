"""SIGKILL the server mid-query and mid-burst: after a restart every id a client received is there, finished."""
import signal
import threading
import time

from botocore.exceptions import BotoCoreError, ClientError
from urllib3.exceptions import HTTPError

from athena_helpers import wait_for_query
from conftest import PallasServer

LONG_QUERY = (
    "SELECT count(*) FROM " + " CROSS JOIN ".join(
        f"(VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t{i}(x)" for i in range(11))
    + " WHERE " + " + ".join(f"t{i}.x" for i in range(11)) + " > 0"
)
TERMINAL = {"SUCCEEDED", "FAILED", "CANCELLED"}


def test_sigkill_during_a_running_query_and_a_burst_of_starts_loses_no_accepted_query(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    first = PallasServer(data_dir).wait_ready()
    athena = first.athena_client()
    long_id = athena.start_query_execution(QueryString=LONG_QUERY)["QueryExecutionId"]
    deadline = time.monotonic() + 10
    while athena.get_query_execution(QueryExecutionId=long_id)["QueryExecution"]["Status"]["State"] != "RUNNING":
        assert time.monotonic() < deadline, "the long query never started running"
        time.sleep(0.01)

    received = [long_id]
    stop_burst = threading.Event()

    def burst():
        client = first.athena_client()
        i = 0
        while not stop_burst.is_set():
            try:
                received.append(client.start_query_execution(QueryString=f"SELECT {i}")["QueryExecutionId"])
            except (ClientError, BotoCoreError, HTTPError, OSError):
                return  # the server died: botocore reports the reset in several ways
            i += 1

    burster = threading.Thread(target=burst)
    burster.start()
    while len(received) < 30:
        time.sleep(0.005)
    first._signal_group(signal.SIGKILL)
    first.process.wait(15)
    stop_burst.set()
    burster.join(15)
    first.stop()

    second = PallasServer(data_dir).wait_ready()
    try:
        athena = second.athena_client()
        for query_id in received:
            execution = wait_for_query(athena, query_id)
            assert execution["Status"]["State"] in TERMINAL, (query_id, execution["Status"])
        long_status = athena.get_query_execution(QueryExecutionId=long_id)["QueryExecution"]["Status"]
        assert long_status["State"] == "FAILED"
        assert "server stopped" in long_status["StateChangeReason"]
        assert long_status["AthenaError"]["ErrorCategory"] == 1
        assert long_status["AthenaError"]["ErrorType"] == 100
        assert long_status["AthenaError"]["Retryable"] is True

        listed = []
        for page in athena.get_paginator("list_query_executions").paginate():
            listed.extend(page["QueryExecutionIds"])
        assert set(received) <= set(listed)
        # at most the one request in flight when the server died may have been accepted without its answer arriving
        assert len(set(listed) - set(received)) <= 1, set(listed) - set(received)
        assert len(listed) == len(set(listed))
    finally:
        second.stop()
