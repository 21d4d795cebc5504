"""Admission limits under a burst of boto3 clients (contract 2.8, 4.13): queued + running DML and DDL are counted
apart; beyond a limit StartQueryExecution answers TooManyRequestsException and creates nothing."""

import threading
import uuid

import pytest
from botocore.exceptions import ClientError

from athena_helpers import wait_for_query

# runs until stopped: about 10^11 rows
LONG_QUERY = (
    "SELECT count(*) FROM " + " CROSS JOIN ".join(
        f"(VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t{i}(x)" for i in range(11))
    + " WHERE " + " + ".join(f"t{i}.x" for i in range(11)) + " > 0"
)
DML_LIMIT = 2
DDL_LIMIT = 1


@pytest.fixture(scope="module")
def limited(start_pallas):
    # one engine thread: the first accepted query runs, the others wait in the queue and still count
    return start_pallas("pallas-admission", "--max-active-dml-queries", str(DML_LIMIT),
                        "--max-active-ddl-queries", str(DDL_LIMIT), "--engine-threads", "1")


def burst(server, requests):
    """Sends every request at once from its own client; returns (accepted ids, ClientErrors) in request order."""
    clients = [server.athena_client() for _ in requests]
    barrier = threading.Barrier(len(requests))
    outcomes = [None] * len(requests)

    def send(index):
        barrier.wait()
        try:
            outcomes[index] = clients[index].start_query_execution(**requests[index])["QueryExecutionId"]
        except ClientError as e:
            outcomes[index] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def assert_too_many(error):
    assert isinstance(error, ClientError), error
    assert error.response["Error"]["Code"] == "TooManyRequestsException"
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.response["Reason"] == "CONCURRENT_QUERY_LIMIT_EXCEEDED"
    assert error.response["Error"]["Message"].startswith(
        "You have exceeded the limit for the number of queries you can run concurrently.")


def test_a_burst_beyond_the_limits_is_refused_and_creates_nothing(limited):
    athena = limited.athena_client()
    tokens = [str(uuid.uuid4()) for _ in range(8)]
    outcomes = burst(limited, [{"QueryString": LONG_QUERY, "ClientRequestToken": token} for token in tokens])
    accepted = [outcome for outcome in outcomes if isinstance(outcome, str)]
    refused = [(token, outcome) for token, outcome in zip(tokens, outcomes) if not isinstance(outcome, str)]
    try:
        assert len(accepted) == DML_LIMIT, outcomes
        for _, error in refused:
            assert_too_many(error)
        assert sorted(athena.list_query_executions()["QueryExecutionIds"]) == sorted(accepted)
        states = {athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Status"]["State"]
                  for query_id in accepted}
        assert "QUEUED" in states  # a queued query holds its slot

        # replaying an accepted token is not a new query: it answers the same id, even at the limit
        accepted_token = tokens[outcomes.index(accepted[0])]
        assert athena.start_query_execution(QueryString=LONG_QUERY, ClientRequestToken=accepted_token)["QueryExecutionId"] == accepted[0]

        # DDL and utility statements have their own limit, which the DML queries do not use up
        ddl = burst(limited, [{"QueryString": "SHOW DATABASES"}, {"QueryString": "SHOW TABLES"}, {"QueryString": "SHOW DATABASES"}])
        ddl_accepted = [outcome for outcome in ddl if isinstance(outcome, str)]
        assert len(ddl_accepted) == DDL_LIMIT, ddl
        for outcome in ddl:
            if not isinstance(outcome, str):
                assert_too_many(outcome)
        accepted.extend(ddl_accepted)
        assert_too_many(burst(limited, [{"QueryString": "SELECT 1"}])[0])

        # stopping frees the slots; a refused request did not consume its token
        for query_id in accepted[:DML_LIMIT]:
            athena.stop_query_execution(QueryExecutionId=query_id)
        for query_id in accepted:
            assert wait_for_query(athena, query_id)["Status"]["State"] in {"CANCELLED", "SUCCEEDED"}
        assert wait_for_query(athena, ddl_accepted[0])["Status"]["State"] == "SUCCEEDED"
        retried_token = refused[0][0]
        retried = athena.start_query_execution(QueryString="SELECT 'retried' AS v", ClientRequestToken=retried_token)["QueryExecutionId"]
        assert retried not in accepted
        assert wait_for_query(athena, retried)["Status"]["State"] == "SUCCEEDED"
    finally:
        for query_id in accepted:
            athena.stop_query_execution(QueryExecutionId=query_id)


def test_queued_queries_start_in_submission_order_as_slots_free_up(limited):
    athena = limited.athena_client()
    running = athena.start_query_execution(QueryString=LONG_QUERY)["QueryExecutionId"]
    queued = athena.start_query_execution(QueryString="SELECT 'second' AS v")["QueryExecutionId"]
    try:
        assert athena.get_query_execution(QueryExecutionId=queued)["QueryExecution"]["Status"]["State"] == "QUEUED"
        assert_too_many(burst(limited, [{"QueryString": "SELECT 'third'"}])[0])
        athena.stop_query_execution(QueryExecutionId=running)
        second = wait_for_query(athena, queued)
        assert second["Status"]["State"] == "SUCCEEDED"
        cancelled = wait_for_query(athena, running)
        assert cancelled["Status"]["State"] == "CANCELLED"
        third = athena.start_query_execution(QueryString="SELECT 'third' AS v")["QueryExecutionId"]
        assert wait_for_query(athena, third)["Status"]["State"] == "SUCCEEDED"
    finally:
        athena.stop_query_execution(QueryExecutionId=running)
