"""What StartQueryExecution's contract refers to survives a restart on the same data directory (issue 5): tokens,
workgroups, prepared statements and named queries."""

import uuid

import pytest
from botocore.exceptions import ClientError

from athena_helpers import error_details, run_query
from conftest import PallasServer

WORKGROUP = "restart-team"
REUSE = {"ResultReuseByAgeConfiguration": {"Enabled": True}}
ARN = f"arn:aws:athena:us-east-1:123456789012:workgroup/{WORKGROUP}"


def first_value(athena, query_id):
    rows = athena.get_query_results(QueryExecutionId=query_id)["ResultSet"]["Rows"]
    return rows[1]["Data"][0].get("VarCharValue")


def test_tokens_workgroups_prepared_statements_and_named_queries_survive_a_restart(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    query_token = str(uuid.uuid4())
    named_token = str(uuid.uuid4())
    named_request = {"Name": "weekly", "Database": "default", "QueryString": "SELECT 7", "WorkGroup": WORKGROUP,
                     "ClientRequestToken": named_token}

    before = PallasServer(data_dir).wait_ready()
    try:
        athena = before.athena_client()
        athena.create_work_group(Name=WORKGROUP, Description="kept", Tags=[{"Key": "team", "Value": "a"}], Configuration={
            "EnforceWorkGroupConfiguration": True, "BytesScannedCutoffPerQuery": 50_000_000,
            "ResultConfiguration": {"OutputLocation": f"s3://{WORKGROUP}/results/"}})
        disabled = f"{WORKGROUP}-off"
        athena.create_work_group(Name=disabled)
        athena.update_work_group(WorkGroup=disabled, State="DISABLED")
        query = run_query(athena, "SELECT 'before' AS v", ClientRequestToken=query_token, WorkGroup=WORKGROUP)
        assert query["Status"]["State"] == "SUCCEEDED"
        assert run_query(athena, "PREPARE by_sql FROM SELECT ? * 2 AS doubled", WorkGroup=WORKGROUP)["Status"]["State"] == "SUCCEEDED"
        athena.create_prepared_statement(StatementName="by_api", WorkGroup=WORKGROUP, QueryStatement="SELECT 'api' AS v",
                                         Description="made through the API")
        named_id = athena.create_named_query(**named_request)["NamedQueryId"]
        workgroup_before = athena.get_work_group(WorkGroup=WORKGROUP)["WorkGroup"]
        reusable = run_query(athena, "SELECT 'reusable' AS v", ResultReuseConfiguration=REUSE)
    finally:
        before.stop()

    after = PallasServer(data_dir).wait_ready()
    try:
        athena = after.athena_client()
        # the token still stands for the same execution, with the same parameters
        assert athena.start_query_execution(QueryString="SELECT 'before' AS v", ClientRequestToken=query_token,
                                            WorkGroup=WORKGROUP)["QueryExecutionId"] == query["QueryExecutionId"]
        with pytest.raises(ClientError) as caught:
            athena.start_query_execution(QueryString="SELECT 'after' AS v", ClientRequestToken=query_token, WorkGroup=WORKGROUP)
        assert error_details(caught.value)[:2] == ("InvalidRequestException", "IDEMPOTENT_PARAMETER_MISMATCH")
        assert athena.get_query_execution(QueryExecutionId=query["QueryExecutionId"])["QueryExecution"] == query
        assert first_value(athena, query["QueryExecutionId"]) == "before"
        assert athena.list_query_executions(WorkGroup=WORKGROUP)["QueryExecutionIds"][-1] == query["QueryExecutionId"]

        # workgroups, with their settings, state and tags
        assert athena.get_work_group(WorkGroup=WORKGROUP)["WorkGroup"] == workgroup_before
        assert athena.list_tags_for_resource(ResourceARN=ARN)["Tags"] == [{"Key": "team", "Value": "a"}]
        assert athena.get_work_group(WorkGroup=disabled)["WorkGroup"]["State"] == "DISABLED"
        with pytest.raises(ClientError) as caught:
            athena.start_query_execution(QueryString="SELECT 1", WorkGroup=disabled)
        assert "disabled" in error_details(caught.value)[2]

        # prepared statements, made in SQL or through the API
        executed = run_query(athena, "EXECUTE by_sql USING 21", WorkGroup=WORKGROUP)
        assert executed["Status"]["State"] == "SUCCEEDED", executed["Status"]
        assert first_value(athena, executed["QueryExecutionId"]) == "42"
        assert athena.get_prepared_statement(StatementName="by_api", WorkGroup=WORKGROUP)["PreparedStatement"]["Description"] \
            == "made through the API"
        assert first_value(athena, run_query(athena, "EXECUTE by_api", WorkGroup=WORKGROUP)["QueryExecutionId"]) == "api"

        # named queries, and their tokens
        assert athena.get_named_query(NamedQueryId=named_id)["NamedQuery"]["QueryString"] == "SELECT 7"
        assert athena.create_named_query(**named_request)["NamedQueryId"] == named_id
        assert athena.list_named_queries(WorkGroup=WORKGROUP)["NamedQueryIds"] == [named_id]

        # a result from before the restart is reused
        reused = run_query(athena, "SELECT 'reusable' AS v", ResultReuseConfiguration=REUSE)
        assert reused["Statistics"]["ResultReuseInformation"]["ReusedPreviousResult"] is True
        assert reused["ResultConfiguration"]["OutputLocation"] == reusable["ResultConfiguration"]["OutputLocation"]
        assert first_value(athena, reused["QueryExecutionId"]) == "reusable"
    finally:
        after.stop()
