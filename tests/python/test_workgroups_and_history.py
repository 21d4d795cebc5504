"""Workgroup and history APIs a client calls around queries (contract 2.5, 4.9, 4.11, 4.15)."""

import uuid

from athena_helpers import run_query


def test_primary_workgroup_exposes_the_keys_clients_read(athena):
    workgroup = athena.get_work_group(WorkGroup="primary")["WorkGroup"]
    assert workgroup["Name"] == "primary"
    assert workgroup["State"] == "ENABLED"
    configuration = workgroup["Configuration"]
    assert isinstance(configuration["EnforceWorkGroupConfiguration"], bool)  # awswrangler reads it unguarded
    assert configuration["ResultConfiguration"]["OutputLocation"] == "s3://pallas-query-results/"
    assert configuration["EngineVersion"]["EffectiveEngineVersion"].startswith("Athena engine version")


def test_list_work_groups_includes_primary(athena):
    summaries = athena.list_work_groups()["WorkGroups"]
    primary = [summary for summary in summaries if summary["Name"] == "primary"]
    assert len(primary) == 1, summaries
    assert primary[0]["State"] == "ENABLED"
    assert primary[0]["EngineVersion"]["EffectiveEngineVersion"].startswith("Athena engine version")


def test_list_query_executions_lists_newest_first(athena):
    older = run_query(athena, "SELECT 'older'")["QueryExecutionId"]
    newer = run_query(athena, "SELECT 'newer'")["QueryExecutionId"]
    ids = athena.list_query_executions()["QueryExecutionIds"]
    assert older in ids and newer in ids, ids
    assert ids.index(newer) < ids.index(older)


def test_batch_get_query_execution_returns_known_and_reports_unknown_ids(athena):
    known = run_query(athena, "SELECT 'batch'")["QueryExecutionId"]
    unknown = str(uuid.uuid4())
    response = athena.batch_get_query_execution(QueryExecutionIds=[known, unknown])
    assert [execution["QueryExecutionId"] for execution in response["QueryExecutions"]] == [known]
    assert response["QueryExecutions"][0]["Status"]["State"] == "SUCCEEDED"
    assert [entry["QueryExecutionId"] for entry in response["UnprocessedQueryExecutionIds"]] == [unknown]
