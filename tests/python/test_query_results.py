"""Running a SELECT through boto3: execution shape, GetQueryResults and the result files (contract 2.2, 2.3, 4.14, 5)."""

import re
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from athena_helpers import run_query, wait_for_query

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
CLOCK_SLACK = timedelta(seconds=2)

SPECIAL_VALUES_SQL = ("SELECT 1 AS a, 'it''s' AS b, 'a\"b' AS c, CAST(NULL AS varchar) AS d, '' AS e, "
                      "ARRAY[1, 2] AS f, X'0102' AS g")


def rows_of(results):
    """GetQueryResults rows as lists of VarCharValue, None for a Datum without one (SQL NULL)."""
    return [[datum.get("VarCharValue") for datum in row["Data"]] for row in results["ResultSet"]["Rows"]]


@pytest.fixture(scope="module")
def select_1(athena):
    """A SELECT 1 run to completion, with the wall-clock window it ran in."""
    before = datetime.now(timezone.utc)
    query_execution_id = athena.start_query_execution(QueryString="SELECT 1")["QueryExecutionId"]
    execution = wait_for_query(athena, query_execution_id)
    after = datetime.now(timezone.utc)
    return query_execution_id, execution, before, after


@pytest.fixture(scope="module")
def special_values(athena):
    execution = run_query(athena, SPECIAL_VALUES_SQL)
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    return execution


def test_start_query_execution_returns_a_lowercase_uuid4(select_1):
    query_execution_id, _, _, _ = select_1
    assert UUID4.match(query_execution_id), query_execution_id


def test_select_1_reaches_succeeded_with_the_submitted_query_echoed(select_1):
    query_execution_id, execution, _, _ = select_1
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    assert execution["QueryExecutionId"] == query_execution_id
    assert execution["Query"] == "SELECT 1"
    assert execution["StatementType"] == "DML"
    assert execution["SubstatementType"] == "SELECT"
    assert execution["WorkGroup"] == "primary"
    assert "AthenaError" not in execution["Status"]


def test_status_timestamps_are_datetimes_of_when_the_query_ran(select_1):
    _, execution, before, after = select_1
    submitted = execution["Status"]["SubmissionDateTime"]
    completed = execution["Status"]["CompletionDateTime"]
    assert isinstance(submitted, datetime) and isinstance(completed, datetime)
    # Epoch seconds on the wire: compared in UTC they must fall in the window the test observed
    # (the server runs in America/Los_Angeles, so a local-time bug shows up as hours of drift).
    assert before - CLOCK_SLACK <= submitted <= completed <= after + CLOCK_SLACK, (before, submitted, completed, after)


def test_output_location_is_the_result_object_under_the_primary_workgroup_location(select_1):
    query_execution_id, execution, _, _ = select_1
    assert execution["ResultConfiguration"]["OutputLocation"] == f"s3://pallas-query-results/{query_execution_id}.csv"


def test_get_query_results_of_select_1_has_header_row_and_value(athena, select_1):
    query_execution_id, _, _, _ = select_1
    results = athena.get_query_results(QueryExecutionId=query_execution_id)
    assert rows_of(results) == [["_col0"], ["1"]]
    assert results["UpdateCount"] == 0
    assert "NextToken" not in results


def test_get_query_results_column_info_matches_athena(athena, select_1):
    query_execution_id, _, _, _ = select_1
    results = athena.get_query_results(QueryExecutionId=query_execution_id)
    assert results["ResultSet"]["ResultSetMetadata"]["ColumnInfo"] == [{
        "CatalogName": "hive",
        "SchemaName": "",
        "TableName": "",
        "Name": "_col0",
        "Label": "_col0",
        "Type": "integer",
        "Precision": 10,
        "Scale": 0,
        "Nullable": "UNKNOWN",
        "CaseSensitive": False,
    }]


def test_result_csv_of_select_1_is_byte_exact_with_metadata_companion(server, select_1):
    _, execution, _, _ = select_1
    csv_file = server.result_file(execution["ResultConfiguration"]["OutputLocation"])
    assert csv_file.read_bytes() == b'"_col0"\n"1"\n'
    assert csv_file.with_name(csv_file.name + ".metadata").is_file()


def test_result_csv_quotes_values_leaves_null_empty_and_renders_arrays_and_varbinary(server, special_values):
    csv_file = server.result_file(special_values["ResultConfiguration"]["OutputLocation"])
    assert csv_file.read_bytes() == (
        b'"a","b","c","d","e","f","g"\n'
        b'"1","it\'s","a""b",,"","[1, 2]","01 02"\n')


def test_get_query_results_distinguishes_null_from_empty_string(athena, special_values):
    results = athena.get_query_results(QueryExecutionId=special_values["QueryExecutionId"])
    rows = results["ResultSet"]["Rows"]
    assert [row["Data"] for row in rows] == [
        [{"VarCharValue": name} for name in "abcdefg"],
        [{"VarCharValue": "1"}, {"VarCharValue": "it's"}, {"VarCharValue": 'a"b'}, {},
         {"VarCharValue": ""}, {"VarCharValue": "[1, 2]"}, {"VarCharValue": "01 02"}],
    ]


def test_column_info_reports_athena_type_names_precisions_and_case_sensitivity(athena, special_values):
    results = athena.get_query_results(QueryExecutionId=special_values["QueryExecutionId"])
    columns = results["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]
    assert [(c["Name"], c["Type"], c["Precision"], c["Scale"], c["CaseSensitive"]) for c in columns] == [
        ("a", "integer", 10, 0, False),
        ("b", "varchar", 4, 0, True),  # 'it''s' is varchar(4)
        ("c", "varchar", 3, 0, True),
        ("d", "varchar", 2147483647, 0, True),  # unbounded varchar
        ("e", "varchar", 0, 0, True),  # '' is varchar(0)
        ("f", "array", 0, 0, False),
        ("g", "varbinary", 1073741824, 0, False),
    ]


def test_paginator_returns_pages_of_1000_rows_including_header_in_order(athena):
    numbers = ", ".join(str(i) for i in range(50))
    execution = run_query(
        athena,
        f"SELECT a.x * 50 + b.y AS n FROM (VALUES {numbers}) AS a(x) CROSS JOIN (VALUES {numbers}) AS b(y) ORDER BY n")
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]

    pages = list(athena.get_paginator("get_query_results").paginate(QueryExecutionId=execution["QueryExecutionId"]))

    assert [len(page["ResultSet"]["Rows"]) for page in pages] == [1000, 1000, 501]
    assert ["NextToken" in page for page in pages] == [True, True, False]
    all_rows = [row for page in pages for row in rows_of(page)]
    assert all_rows[0] == ["n"]
    assert all_rows[1:] == [[str(i)] for i in range(2500)]
    assert pages[0]["ResultSet"]["ResultSetMetadata"]["ColumnInfo"][0]["Name"] == "n"


def query_id_only_metadata(query_id):
    """The `.metadata` Athena writes for ALTER TABLE ADD/REPLACE COLUMNS and MSCK REPAIR: protobuf field 1, the id."""
    return b"\x0a" + bytes([len(query_id)]) + query_id.encode("ascii")


def test_ddl_result_files_follow_the_statement_type(athena, server):
    """Contract 5.1/5.3/5.4: column-less DDL leaves a 0-byte .txt and no .metadata; ADD/REPLACE COLUMNS and MSCK
    REPAIR a 38-byte .metadata holding the query id; GetQueryResults serves them all."""
    database = f"ddl_files_{uuid.uuid4().hex[:8]}"
    folder = server.data_dir / "s3" / "ddl-files" / database / "dt=2024-01-01"
    folder.mkdir(parents=True)
    (folder / "a.csv").write_text("1\n")
    location = f"s3://ddl-files/{database}/"

    def succeed(sql):
        execution = run_query(athena, sql)
        assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"])
        output = execution["ResultConfiguration"]["OutputLocation"]
        assert output.endswith(f"/{execution['QueryExecutionId']}.txt")
        results = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])
        return execution, server.result_file(output), results

    for sql in [f"CREATE DATABASE {database}",
                f"CREATE EXTERNAL TABLE {database}.t (id int) PARTITIONED BY (dt string) LOCATION '{location}'",
                f"ALTER TABLE {database}.t SET TBLPROPERTIES ('note' = 'x')",
                f"CREATE VIEW {database}.v AS SELECT id FROM {database}.t"]:
        _, txt, results = succeed(sql)
        assert txt.read_bytes() == b"", sql
        assert not txt.with_name(txt.name + ".metadata").exists(), sql
        assert results["ResultSet"] == {"Rows": [], "ResultSetMetadata": {"ColumnInfo": []}}, sql
        assert "UpdateCount" not in results, sql

    execution, txt, results = succeed(f"MSCK REPAIR TABLE {database}.t")
    assert txt.read_bytes() == (b"Partitions not in metastore:\tt:dt=2024-01-01\n"
                                b"Repair: Added partition to metastore t:dt=2024-01-01")
    assert txt.with_name(txt.name + ".metadata").read_bytes() == query_id_only_metadata(execution["QueryExecutionId"])
    assert rows_of(results) == [["Partitions not in metastore:\tt:dt=2024-01-01"],
                                ["Repair: Added partition to metastore t:dt=2024-01-01"]]

    for sql in [f"ALTER TABLE {database}.t ADD COLUMNS (note string)",
                f"ALTER TABLE {database}.t REPLACE COLUMNS (id bigint, note string)"]:
        execution, txt, results = succeed(sql)
        assert txt.read_bytes() == b"", sql
        assert txt.with_name(txt.name + ".metadata").read_bytes() == query_id_only_metadata(execution["QueryExecutionId"])
        assert results["ResultSet"] == {"Rows": [], "ResultSetMetadata": {"ColumnInfo": []}}, sql

    for sql in [f"DROP VIEW {database}.v", f"DROP TABLE {database}.t", f"DROP DATABASE {database}"]:
        _, txt, results = succeed(sql)
        assert txt.read_bytes() == b"", sql
        assert not txt.with_name(txt.name + ".metadata").exists(), sql
