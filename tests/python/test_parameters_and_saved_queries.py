"""ExecutionParameters, prepared statements and named queries through boto3 (contract 2.7, 4.6, 4.7, 4.9)."""

import uuid

import pytest
from botocore.exceptions import ClientError

from athena_helpers import error_details, run_query

TWO_ROWS = "(VALUES 'a', 'b') AS t(s)"


def values(athena, execution):
    """Data rows (after the header row) of a SUCCEEDED query."""
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    rows = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])["ResultSet"]["Rows"]
    return [[datum.get("VarCharValue") for datum in row["Data"]] for row in rows[1:]]


def single(athena, sql, parameters):
    return values(athena, run_query(athena, sql, ExecutionParameters=parameters))[0][0]


def unique_name(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


# ---------------------------------------------------------------- ExecutionParameters

def test_parameters_bind_in_order_and_question_marks_in_strings_and_comments_are_text(athena):
    sql = "SELECT ? AS a, '?' AS b, ? AS c /* ? */ -- ?"
    execution = run_query(athena, sql, ExecutionParameters=["1", "'two'"])
    assert values(athena, execution) == [["1", "?", "two"]]
    assert execution["Query"] == sql  # the original text, not the bound one
    assert execution["ExecutionParameters"] == ["1", "'two'"]
    assert single(athena, 'SELECT "?" FROM (VALUES 5) AS t("?") WHERE "?" = ?', ["5"]) == "5"


@pytest.mark.parametrize("value, expected", [
    ("10", "10"),
    ("'a string'", "a string"),
    ("1 + 1", "2"),
    ("CAST('2014-07-05' AS DATE)", "2014-07-05"),
    ("DATE '2020-01-01'", "2020-01-01"),
    ("NULL", None),
    # not an expression, or one that names a column: the text itself as a string
    ("abc", "abc"),
    ("abc def", "abc def"),
    ("it's", "it's"),
    ("x + 1", "x + 1"),
    ("t.x", "t.x"),
    ("6d5a4c3e-1f2b-4a59-9c1d-0e7f8a9b0c1d", "6d5a4c3e-1f2b-4a59-9c1d-0e7f8a9b0c1d"),
])
def test_each_value_is_classified_as_athena_does(athena, value, expected):
    assert single(athena, "SELECT ? AS v", [value]) == expected


@pytest.mark.parametrize("value", [
    "1; DROP TABLE x",
    "'a'; SELECT 1",
    "1) UNION ALL (SELECT 2",
    "'x') --",
    "*/ 1 /*",
])
def test_injection_attempts_are_string_values(athena, value):
    execution = run_query(athena, "SELECT ? AS v", ExecutionParameters=[value])
    assert values(athena, execution) == [[value]]


def test_a_value_cannot_reach_the_columns_of_the_query(athena):
    sql = f"SELECT count(*) FROM {TWO_ROWS} WHERE s = ?"
    assert single(athena, sql, ["'a'"]) == "1"
    assert single(athena, sql, ["a' OR '1'='1"]) == "0"
    assert single(athena, sql, ["'a' OR s = 'b'"]) == "0"
    assert single(athena, sql, ["s"]) == "0"


def test_a_wrong_number_of_values_fails_with_invalid_parameter_usage(athena):
    for sql, parameters in [("SELECT ?, ?", ["1"]), ("SELECT ?", ["1", "2"])]:
        execution = run_query(athena, sql, ExecutionParameters=parameters)
        status = execution["Status"]
        assert status["State"] == "FAILED", status
        assert status["StateChangeReason"].startswith("INVALID_PARAMETER_USAGE: "), status
        assert status["AthenaError"]["ErrorCategory"] == 2
    without_values = run_query(athena, "SELECT ? AS v")
    assert without_values["Status"]["State"] == "FAILED"
    assert without_values["Status"]["StateChangeReason"].startswith("INVALID_PARAMETER_USAGE: ")


def test_values_for_a_query_without_placeholders_are_ignored(athena):
    assert values(athena, run_query(athena, "SELECT 5 AS v", ExecutionParameters=["1", "2"])) == [["5"]]
    assert values(athena, run_query(athena, "SELECT '?' AS v", ExecutionParameters=["1"])) == [["?"]]


def test_a_value_that_fails_analysis_fails_the_query(athena):
    execution = run_query(athena, "SELECT ? AS v", ExecutionParameters=["nosuchfunc(1)"])
    assert execution["Status"]["State"] == "FAILED"
    assert execution["Status"]["StateChangeReason"].startswith("FUNCTION_NOT_FOUND")


# ---------------------------------------------------------------- prepared statements

def test_prepare_execute_and_deallocate_in_sql(athena):
    name = unique_name("add")
    prepared = run_query(athena, f"PREPARE {name} FROM SELECT ? + ? AS total")
    assert prepared["Status"]["State"] == "SUCCEEDED", prepared["Status"]
    stored = athena.get_prepared_statement(StatementName=name, WorkGroup="primary")["PreparedStatement"]
    assert stored["StatementName"] == name
    assert stored["QueryStatement"] == "SELECT ? + ? AS total"
    assert stored["WorkGroupName"] == "primary"

    using = run_query(athena, f"EXECUTE {name} USING 40, 2")
    assert (using["StatementType"], using["SubstatementType"]) == ("DML", "SELECT")
    assert using["Query"] == f"EXECUTE {name} USING 40, 2"
    assert values(athena, using) == [["42"]]
    with_parameters = run_query(athena, f"EXECUTE {name}", ExecutionParameters=["1", "1"])
    assert values(athena, with_parameters) == [["2"]]
    wrong_count = run_query(athena, f"EXECUTE {name} USING 1")
    assert wrong_count["Status"]["State"] == "FAILED"
    assert wrong_count["Status"]["StateChangeReason"].startswith("INVALID_PARAMETER_USAGE: ")

    # USING values are parsed as part of the statement: nothing can be added to it
    with pytest.raises(ClientError) as caught:
        athena.start_query_execution(QueryString=f"EXECUTE {name} USING 1, 2; DROP TABLE x")
    assert error_details(caught.value)[:2] == ("InvalidRequestException", "MALFORMED_QUERY")

    deallocated = run_query(athena, f"DEALLOCATE PREPARE {name}")
    assert deallocated["Status"]["State"] == "SUCCEEDED"
    with pytest.raises(ClientError) as caught:
        athena.get_prepared_statement(StatementName=name, WorkGroup="primary")
    assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as caught:
        athena.start_query_execution(QueryString=f"EXECUTE {name} USING 1, 2")
    code, athena_code, message = error_details(caught.value)
    assert (code, athena_code) == ("InvalidRequestException", "INVALID_INPUT")
    assert name in message


def test_the_six_prepared_statement_apis(athena):
    workgroup = f"ps-{uuid.uuid4().hex[:8]}"
    athena.create_work_group(Name=workgroup, Configuration={"ResultConfiguration": {"OutputLocation": f"s3://{workgroup}/"}})
    names = [f"stmt_{i}" for i in range(5)]
    for name in names:
        athena.create_prepared_statement(StatementName=name, WorkGroup=workgroup, QueryStatement=f"SELECT '{name}' AS n, ? AS p",
                                         Description=f"about {name}")
    with pytest.raises(ClientError) as caught:
        athena.create_prepared_statement(StatementName=names[0], WorkGroup=workgroup, QueryStatement="SELECT 1")
    assert caught.value.response["Error"]["Code"] == "InvalidRequestException"

    statement = athena.get_prepared_statement(StatementName=names[1], WorkGroup=workgroup)["PreparedStatement"]
    assert statement["QueryStatement"] == "SELECT 'stmt_1' AS n, ? AS p"
    assert statement["Description"] == "about stmt_1"
    assert statement["WorkGroupName"] == workgroup
    before = statement["LastModifiedTime"]

    athena.update_prepared_statement(StatementName=names[1], WorkGroup=workgroup, QueryStatement="SELECT 'changed' AS n, ? AS p",
                                     Description="changed")
    changed = athena.get_prepared_statement(StatementName=names[1], WorkGroup=workgroup)["PreparedStatement"]
    assert (changed["QueryStatement"], changed["Description"]) == ("SELECT 'changed' AS n, ? AS p", "changed")
    assert changed["LastModifiedTime"] >= before
    assert values(athena, run_query(athena, f"EXECUTE {names[1]} USING 7", WorkGroup=workgroup)) == [["changed", "7"]]

    listed = []
    kwargs = {"WorkGroup": workgroup, "MaxResults": 2}
    while True:
        page = athena.list_prepared_statements(**kwargs)
        assert len(page["PreparedStatements"]) <= 2
        listed.extend(summary["StatementName"] for summary in page["PreparedStatements"])
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert sorted(listed) == names

    batch = athena.batch_get_prepared_statement(PreparedStatementNames=[names[2], "no_such_statement"], WorkGroup=workgroup)
    assert [found["StatementName"] for found in batch["PreparedStatements"]] == [names[2]]
    assert [missing["StatementName"] for missing in batch["UnprocessedPreparedStatementNames"]] == ["no_such_statement"]

    athena.delete_prepared_statement(StatementName=names[2], WorkGroup=workgroup)
    for call, kwargs in [(athena.get_prepared_statement, {}), (athena.delete_prepared_statement, {}),
                         (athena.update_prepared_statement, {"QueryStatement": "SELECT 1"})]:
        with pytest.raises(ClientError) as caught:
            call(StatementName=names[2], WorkGroup=workgroup, **kwargs)
        assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"
    # other workgroups do not see them
    assert all(summary["StatementName"] not in names
               for summary in athena.list_prepared_statements(WorkGroup="primary")["PreparedStatements"])


# ---------------------------------------------------------------- named queries

def test_the_six_named_query_apis_with_token_idempotency(athena):
    workgroup = f"nq-{uuid.uuid4().hex[:8]}"
    athena.create_work_group(Name=workgroup)
    token = str(uuid.uuid4())
    request = {"Name": "daily", "Description": "the daily report", "Database": "default",
               "QueryString": "SELECT 1", "WorkGroup": workgroup, "ClientRequestToken": token}
    first = athena.create_named_query(**request)["NamedQueryId"]
    assert athena.create_named_query(**request)["NamedQueryId"] == first
    with pytest.raises(ClientError) as caught:
        athena.create_named_query(**{**request, "QueryString": "SELECT 2"})
    assert error_details(caught.value) == ("InvalidRequestException", "IDEMPOTENT_PARAMETER_MISMATCH",
                                           "Idempotent parameters do not match")
    # the SDK fills in a fresh token: the same request without one creates another named query
    second = athena.create_named_query(**{key: value for key, value in request.items() if key != "ClientRequestToken"})["NamedQueryId"]
    assert second != first

    named = athena.get_named_query(NamedQueryId=first)["NamedQuery"]
    assert named == {"Name": "daily", "Description": "the daily report", "Database": "default", "QueryString": "SELECT 1",
                     "NamedQueryId": first, "WorkGroup": workgroup}

    athena.update_named_query(NamedQueryId=first, Name="nightly", Description="moved", QueryString="SELECT 2")
    updated = athena.get_named_query(NamedQueryId=first)["NamedQuery"]
    assert (updated["Name"], updated["Description"], updated["QueryString"]) == ("nightly", "moved", "SELECT 2")
    assert (updated["Database"], updated["WorkGroup"]) == ("default", workgroup)

    more = [athena.create_named_query(Name=f"extra {i}", Database="default", QueryString=f"SELECT {i}",
                                      WorkGroup=workgroup)["NamedQueryId"] for i in range(3)]
    listed = []
    for page in athena.get_paginator("list_named_queries").paginate(WorkGroup=workgroup, PaginationConfig={"PageSize": 2}):
        assert len(page["NamedQueryIds"]) <= 2
        listed.extend(page["NamedQueryIds"])
    assert sorted(listed) == sorted([first, second, *more])

    batch = athena.batch_get_named_query(NamedQueryIds=[first, "no-such-named-query"])
    assert [query["Name"] for query in batch["NamedQueries"]] == ["nightly"]
    assert [entry["NamedQueryId"] for entry in batch["UnprocessedNamedQueryIds"]] == ["no-such-named-query"]

    athena.delete_named_query(NamedQueryId=second)
    remaining = athena.list_named_queries(WorkGroup=workgroup)["NamedQueryIds"]
    assert second not in remaining and first in remaining
    with pytest.raises(ClientError) as caught:
        athena.get_named_query(NamedQueryId=second)
    assert caught.value.response["Error"]["Code"] == "InvalidRequestException"
    # named queries of the primary workgroup are listed apart
    assert first not in athena.list_named_queries()["NamedQueryIds"]
