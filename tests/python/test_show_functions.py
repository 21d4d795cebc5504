"""SHOW FUNCTIONS through boto3: a UTILITY statement whose result is a CSV with a header row, like a SELECT."""

from athena_helpers import run_query

COLUMNS = ["Function", "Return Type", "Argument Types", "Function Type", "Deterministic", "Description"]


def all_rows(athena, query_execution_id):
    """Every row of every page, header row included, as lists of VarCharValue; and the ColumnInfo of page 1."""
    rows, column_info = [], None
    for page in athena.get_paginator("get_query_results").paginate(QueryExecutionId=query_execution_id):
        if column_info is None:
            column_info = page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]
        rows.extend([datum.get("VarCharValue") for datum in row["Data"]] for row in page["ResultSet"]["Rows"])
    return column_info, rows


def test_show_functions_lists_supported_functions_with_header(athena, server):
    execution = run_query(athena, "SHOW FUNCTIONS")
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    assert execution["StatementType"] == "UTILITY"
    assert execution["SubstatementType"] == "SHOW_FUNCTIONS"
    output = execution["ResultConfiguration"]["OutputLocation"]
    assert output.endswith(execution["QueryExecutionId"] + ".csv")

    column_info, rows = all_rows(athena, execution["QueryExecutionId"])
    assert [column["Name"] for column in column_info] == COLUMNS
    assert {column["Type"] for column in column_info} == {"varchar"}
    assert rows[0] == COLUMNS
    functions = rows[1:]
    names = [row[0] for row in functions]
    assert names == sorted(names)
    assert {"abs", "count", "date_trunc", "json_extract_scalar", "row_number", "transform"} <= set(names)
    assert "word_stem" not in names
    assert ["abs", "bigint", "bigint", "scalar", "true", ""] in functions
    assert {row[3] for row in functions} == {"scalar", "aggregate", "window"}

    with open(server.result_file(output), encoding="utf-8") as result:
        lines = result.read().split("\n")
    assert lines[0] == ",".join(f'"{name}"' for name in COLUMNS)
    assert lines[-1] == "" and len(lines) - 1 == len(rows)


def test_show_functions_like(athena):
    execution = run_query(athena, "SHOW FUNCTIONS LIKE 'url\\_extract\\_%' ESCAPE '\\'")
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    _, rows = all_rows(athena, execution["QueryExecutionId"])
    assert rows[0] == COLUMNS
    names = {row[0] for row in rows[1:]}
    assert names and all(name.startswith("url_extract_") for name in names)
    assert "url_extract_host" in names
