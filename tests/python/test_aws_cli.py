"""The AWS CLI (v1) against Pallas, starting with the command the server prints on startup."""

import json
import re
import time

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_try_command_printed_at_startup_runs_and_the_query_succeeds(server, aws_cli):
    assert server.try_command.startswith("AWS_ACCESS_KEY_ID=pallas AWS_SECRET_ACCESS_KEY=pallas aws athena "), \
        server.try_command
    assert f"--endpoint-url {server.endpoint} --region us-east-1" in server.try_command, server.try_command
    completed = aws_cli.run_shell(server.try_command)  # exactly as printed, as a user would paste it
    assert completed.returncode == 0, f"stdout: {completed.stdout}\nstderr: {completed.stderr}"
    query_execution_id = json.loads(completed.stdout)["QueryExecutionId"]
    assert UUID.match(query_execution_id), completed.stdout

    deadline = time.monotonic() + 60
    while True:
        execution = aws_cli.athena("get-query-execution", "--query-execution-id", query_execution_id)["QueryExecution"]
        if execution["Status"]["State"] not in ("QUEUED", "RUNNING") or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    assert execution["Query"] == "SELECT 1"
    assert execution["ResultConfiguration"]["OutputLocation"] == f"s3://pallas-query-results/{query_execution_id}.csv"

    results = aws_cli.athena("get-query-results", "--query-execution-id", query_execution_id)
    assert [row["Data"] for row in results["ResultSet"]["Rows"]] == [[{"VarCharValue": "_col0"}], [{"VarCharValue": "1"}]]
    column = results["ResultSet"]["ResultSetMetadata"]["ColumnInfo"][0]
    assert (column["Name"], column["Type"], column["Precision"]) == ("_col0", "integer", 10)
    assert results["UpdateCount"] == 0
    assert "NextToken" not in results
