"""Errors, cancellation and idempotency as an Athena user sees them through boto3 (contract 3.3, 3.4, 4.1-4.5, 4.14)."""

import uuid

import pytest
from botocore.exceptions import ClientError

from athena_helpers import error_details, run_query, wait_for_query

# count(*) over 10^10 rows: long enough to still be running when it is stopped.
LONG_QUERY = (
    "SELECT count(*) FROM "
    + " CROSS JOIN ".join(f"(VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t{i}(v{i})" for i in range(10))
    + " WHERE " + " + ".join(f"v{i} * {i + 1}" for i in range(10)) + " <> 7")


def test_syntax_error_is_rejected_at_start_as_malformed_query(athena):
    with pytest.raises(ClientError) as caught:
        athena.start_query_execution(QueryString="SELECT 1 FROM")
    code, athena_code, message = error_details(caught.value)
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert code == "InvalidRequestException"
    assert athena_code == "MALFORMED_QUERY"
    assert message.startswith("line 1:"), message


@pytest.fixture(scope="module")
def division_by_zero(athena):
    return run_query(athena, "SELECT 1/0")


def test_division_by_zero_fails_with_engine_reason(division_by_zero):
    status = division_by_zero["Status"]
    assert status["State"] == "FAILED"
    assert status["StateChangeReason"] == "DIVISION_BY_ZERO: Division by zero"
    assert "SubmissionDateTime" in status and "CompletionDateTime" in status


def test_division_by_zero_reports_a_non_retryable_user_data_error(division_by_zero):
    error = division_by_zero["Status"]["AthenaError"]
    assert error["ErrorCategory"] == 2  # USER
    assert error["ErrorType"] == 1001  # data error
    assert error["Retryable"] is False
    assert error["ErrorMessage"] == "DIVISION_BY_ZERO: Division by zero"


def test_get_query_results_of_failed_query_is_invalid_query_execution_state(athena, division_by_zero):
    with pytest.raises(ClientError) as caught:
        athena.get_query_results(QueryExecutionId=division_by_zero["QueryExecutionId"])
    code, athena_code, message = error_details(caught.value)
    assert code == "InvalidRequestException"
    assert athena_code == "INVALID_QUERY_EXECUTION_STATE"
    assert message == "Query did not finish successfully. Final query state: FAILED"


def test_get_query_results_of_unknown_id_is_query_execution_not_found(athena):
    unknown = str(uuid.uuid4())
    with pytest.raises(ClientError) as caught:
        athena.get_query_results(QueryExecutionId=unknown)
    code, athena_code, message = error_details(caught.value)
    assert code == "InvalidRequestException"
    assert athena_code == "QUERY_EXECUTION_NOT_FOUND"
    assert message == f"QueryExecution {unknown} was not found"


@pytest.fixture(scope="module")
def cancelled_query(athena):
    query_execution_id = athena.start_query_execution(QueryString=LONG_QUERY)["QueryExecutionId"]
    athena.stop_query_execution(QueryExecutionId=query_execution_id)
    return wait_for_query(athena, query_execution_id, timeout=30)


def test_stopped_query_ends_cancelled_by_user(cancelled_query):
    status = cancelled_query["Status"]
    assert status["State"] == "CANCELLED", status
    assert status["StateChangeReason"] == "Query cancelled by user"
    assert "CompletionDateTime" in status


def test_get_query_results_of_cancelled_query_is_result_not_found(athena, cancelled_query):
    with pytest.raises(ClientError) as caught:
        athena.get_query_results(QueryExecutionId=cancelled_query["QueryExecutionId"])
    code, athena_code, _ = error_details(caught.value)
    assert code == "InvalidRequestException"
    assert athena_code == "RESULT_NOT_FOUND"


def test_cancelled_query_writes_no_result_file(server, cancelled_query):
    query_execution_id = cancelled_query["QueryExecutionId"]
    assert not server.result_file(f"s3://pallas-query-results/{query_execution_id}.csv").exists()


def test_stopping_a_finished_query_keeps_it_succeeded(athena):
    execution = run_query(athena, "SELECT 'done' AS d")
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    athena.stop_query_execution(QueryExecutionId=execution["QueryExecutionId"])
    after = athena.get_query_execution(QueryExecutionId=execution["QueryExecutionId"])["QueryExecution"]
    assert after["Status"]["State"] == "SUCCEEDED"
    rows = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])["ResultSet"]["Rows"]
    assert [row["Data"] for row in rows] == [[{"VarCharValue": "d"}], [{"VarCharValue": "done"}]]


def test_same_client_request_token_returns_the_same_query_execution_id(athena):
    token = f"pallas-e2e-{uuid.uuid4()}"
    first = athena.start_query_execution(QueryString="SELECT 42", ClientRequestToken=token)["QueryExecutionId"]
    second = athena.start_query_execution(QueryString="SELECT 42", ClientRequestToken=token)["QueryExecutionId"]
    assert second == first
    assert wait_for_query(athena, first)["Status"]["State"] == "SUCCEEDED"
    third = athena.start_query_execution(QueryString="SELECT 42", ClientRequestToken=token)["QueryExecutionId"]
    assert third == first


def test_same_client_request_token_with_another_query_is_an_idempotent_parameter_mismatch(athena):
    token = f"pallas-e2e-{uuid.uuid4()}"
    athena.start_query_execution(QueryString="SELECT 43", ClientRequestToken=token)
    with pytest.raises(ClientError) as caught:
        athena.start_query_execution(QueryString="SELECT 44", ClientRequestToken=token)
    code, athena_code, message = error_details(caught.value)
    assert code == "InvalidRequestException"
    assert athena_code == "IDEMPOTENT_PARAMETER_MISMATCH"
    assert message == "Idempotent parameters do not match"
