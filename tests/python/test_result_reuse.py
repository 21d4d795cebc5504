"""ResultReuseConfiguration through boto3 (contract 4.8)."""

import uuid

from athena_helpers import run_query

REUSE = {"ResultReuseByAgeConfiguration": {"Enabled": True}}


def reused(execution):
    return execution["Statistics"]["ResultReuseInformation"]["ReusedPreviousResult"]


def rows(athena, execution):
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    result = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])["ResultSet"]
    return [[datum.get("VarCharValue") for datum in row["Data"]] for row in result["Rows"]]


def unique_query(body="40 + 2 AS answer"):
    """A query text no other test runs, so only this test's executions can be reused."""
    return f"SELECT {body}, '{uuid.uuid4().hex}' AS tag"


def test_an_identical_query_reuses_the_newest_earlier_result(athena):
    sql = unique_query()
    first = run_query(athena, sql, ResultReuseConfiguration=REUSE)
    assert reused(first) is False
    second = run_query(athena, sql, ResultReuseConfiguration=REUSE)
    assert second["QueryExecutionId"] != first["QueryExecutionId"]
    assert second["Status"]["State"] == "SUCCEEDED"
    assert reused(second) is True
    assert second["ResultReuseConfiguration"] == {"ResultReuseByAgeConfiguration": {"Enabled": True}}
    assert second["ResultConfiguration"]["OutputLocation"] == first["ResultConfiguration"]["OutputLocation"]
    assert rows(athena, second) == rows(athena, first)
    assert rows(athena, second)[1][0] == "42"
    assert second["Statistics"]["DataScannedInBytes"] == 0

    # without the opt-in the query runs again, and the newest run is the one reused next
    third = run_query(athena, sql)
    assert reused(third) is False
    assert third["ResultConfiguration"]["OutputLocation"].endswith(third["QueryExecutionId"] + ".csv")
    fourth = run_query(athena, sql, ResultReuseConfiguration=REUSE)
    assert reused(fourth) is True
    assert fourth["ResultConfiguration"]["OutputLocation"] == third["ResultConfiguration"]["OutputLocation"]


def test_max_age_limits_what_is_reused(athena):
    sql = unique_query()
    run_query(athena, sql, ResultReuseConfiguration=REUSE)
    zero = {"ResultReuseByAgeConfiguration": {"Enabled": True, "MaxAgeInMinutes": 0}}
    assert reused(run_query(athena, sql, ResultReuseConfiguration=zero)) is False
    week = {"ResultReuseByAgeConfiguration": {"Enabled": True, "MaxAgeInMinutes": 10080}}
    assert reused(run_query(athena, sql, ResultReuseConfiguration=week)) is True


def test_a_different_database_catalog_result_configuration_or_workgroup_is_not_reused(athena):
    sql = unique_query()
    run_query(athena, sql, ResultReuseConfiguration=REUSE)
    assert reused(run_query(athena, sql, ResultReuseConfiguration=REUSE, QueryExecutionContext={"Database": "default"})) is False
    assert reused(run_query(athena, sql, ResultReuseConfiguration=REUSE,
                            QueryExecutionContext={"Catalog": "AwsDataCatalog"})) is False
    assert reused(run_query(athena, sql, ResultReuseConfiguration=REUSE,
                            ResultConfiguration={"OutputLocation": "s3://pallas-query-results/other/"})) is False
    assert reused(run_query(athena, sql, ResultReuseConfiguration=REUSE,
                            ResultConfiguration={"EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}})) is False
    workgroup = f"reuse-{uuid.uuid4().hex[:8]}"
    athena.create_work_group(Name=workgroup, Configuration={"ResultConfiguration": {"OutputLocation": "s3://pallas-query-results/"}})
    assert reused(run_query(athena, sql, ResultReuseConfiguration=REUSE, WorkGroup=workgroup)) is False
    assert reused(run_query(athena, sql, ResultReuseConfiguration=REUSE, WorkGroup=workgroup)) is True


def test_non_deterministic_queries_are_not_reused(athena):
    for body in ["rand() < 2 AS r", "uuid() IS NOT NULL AS u", "now() IS NOT NULL AS n", "current_date IS NOT NULL AS d",
                 "cardinality(shuffle(ARRAY[1, 2])) AS s"]:
        sql = unique_query(body)
        run_query(athena, sql, ResultReuseConfiguration=REUSE)
        assert reused(run_query(athena, sql, ResultReuseConfiguration=REUSE)) is False, body
    limit = f"SELECT x FROM (VALUES 1, 2, 3) AS t(x) WHERE x > {uuid.uuid4().int % 1000 - 1000} LIMIT 2"
    run_query(athena, limit, ResultReuseConfiguration=REUSE)
    assert reused(run_query(athena, limit, ResultReuseConfiguration=REUSE)) is False
    ordered = limit.replace(" LIMIT 2", " ORDER BY x LIMIT 2")
    run_query(athena, ordered, ResultReuseConfiguration=REUSE)
    assert reused(run_query(athena, ordered, ResultReuseConfiguration=REUSE)) is True


def test_an_enforcing_workgroup_never_reuses(athena):
    workgroup = f"reuse-enforced-{uuid.uuid4().hex[:8]}"
    athena.create_work_group(Name=workgroup, Configuration={"EnforceWorkGroupConfiguration": True,
                                                            "ResultConfiguration": {"OutputLocation": f"s3://{workgroup}/"}})
    sql = unique_query()
    run_query(athena, sql, ResultReuseConfiguration=REUSE, WorkGroup=workgroup)
    second = run_query(athena, sql, ResultReuseConfiguration=REUSE, WorkGroup=workgroup)
    assert reused(second) is False
    assert second["ResultConfiguration"]["OutputLocation"] == f"s3://{workgroup}/{second['QueryExecutionId']}.csv"


def test_parameters_and_prepared_statements_are_part_of_what_is_reused(athena):
    sql = unique_query("? AS p")
    first = run_query(athena, sql, ResultReuseConfiguration=REUSE, ExecutionParameters=["1"])
    other_value = run_query(athena, sql, ResultReuseConfiguration=REUSE, ExecutionParameters=["2"])
    assert reused(other_value) is False
    assert rows(athena, other_value)[1][0] == "2"
    same_value = run_query(athena, sql, ResultReuseConfiguration=REUSE, ExecutionParameters=["1"])
    assert reused(same_value) is True
    assert rows(athena, same_value) == rows(athena, first)

    name = f"reuse_{uuid.uuid4().hex[:8]}"
    athena.create_prepared_statement(StatementName=name, WorkGroup="primary", QueryStatement="SELECT 'one' AS v")
    run_query(athena, f"EXECUTE {name}", ResultReuseConfiguration=REUSE)
    again = run_query(athena, f"EXECUTE {name}", ResultReuseConfiguration=REUSE)
    assert reused(again) is True
    athena.update_prepared_statement(StatementName=name, WorkGroup="primary", QueryStatement="SELECT 'two' AS v")
    after_update = run_query(athena, f"EXECUTE {name}", ResultReuseConfiguration=REUSE)
    assert reused(after_update) is False
    assert rows(athena, after_update)[1] == ["two"]
