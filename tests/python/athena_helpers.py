"""Small helpers shared by the end-to-end tests."""

import time

QUERY_TIMEOUT_SECONDS = 60
TERMINAL_STATES = {"SUCCEEDED", "FAILED", "CANCELLED"}


def wait_for_query(client, query_execution_id, timeout=QUERY_TIMEOUT_SECONDS):
    """Polls GetQueryExecution until the query is in a terminal state; returns the QueryExecution."""
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        execution = client.get_query_execution(QueryExecutionId=query_execution_id)["QueryExecution"]
        if execution["Status"]["State"] in TERMINAL_STATES:
            return execution
        if time.monotonic() > deadline:
            raise AssertionError(f"query {query_execution_id} still {execution['Status']['State']} after {timeout} s")
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def run_query(client, sql, **kwargs):
    """Starts `sql` and waits for it; returns the terminal QueryExecution."""
    query_execution_id = client.start_query_execution(QueryString=sql, **kwargs)["QueryExecutionId"]
    return wait_for_query(client, query_execution_id)


def error_details(client_error):
    """(error code, AthenaErrorCode, message) of a botocore ClientError from Athena."""
    response = client_error.response
    return response["Error"]["Code"], response.get("AthenaErrorCode"), response["Error"]["Message"]
