"""The 22 TPC-H queries at scale factor 0.01 through boto3: tables defined with Hive DDL over Parquet files, every
answer read with GetQueryResults (all pages) and compared with the reference answers io.trino.tpch ships.

The data, the queries (Trino syntax) and the reference answers come from
`./pallas bench tpch --sf 0.01 --generate-only --out DIR`, written straight into the shared server's local
object store (bucket `tpch-sf001`).
"""

import os
import subprocess
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from athena_helpers import wait_for_query
from conftest import LAUNCHER

BUCKET = "tpch-sf001"
DATABASE = "tpch_boto3"
GENERATE_TIMEOUT_SECONDS = 300

TABLES = {
    "nation": "n_nationkey bigint, n_name varchar(25), n_regionkey bigint, n_comment varchar(152)",
    "region": "r_regionkey bigint, r_name varchar(25), r_comment varchar(152)",
    "part": "p_partkey bigint, p_name varchar(55), p_mfgr varchar(25), p_brand varchar(10), p_type varchar(25), p_size int, "
            "p_container varchar(10), p_retailprice decimal(12,2), p_comment varchar(23)",
    "supplier": "s_suppkey bigint, s_name varchar(25), s_address varchar(40), s_nationkey bigint, s_phone varchar(15), "
                "s_acctbal decimal(12,2), s_comment varchar(101)",
    "partsupp": "ps_partkey bigint, ps_suppkey bigint, ps_availqty int, ps_supplycost decimal(12,2), ps_comment varchar(199)",
    "customer": "c_custkey bigint, c_name varchar(25), c_address varchar(40), c_nationkey bigint, c_phone varchar(15), "
                "c_acctbal decimal(12,2), c_mktsegment varchar(10), c_comment varchar(117)",
    "orders": "o_orderkey bigint, o_custkey bigint, o_orderstatus char(1), o_totalprice decimal(12,2), o_orderdate date, "
              "o_orderpriority varchar(15), o_clerk varchar(15), o_shippriority int, o_comment varchar(79)",
    "lineitem": "l_orderkey bigint, l_partkey bigint, l_suppkey bigint, l_linenumber int, l_quantity decimal(12,2), "
                "l_extendedprice decimal(12,2), l_discount decimal(12,2), l_tax decimal(12,2), l_returnflag char(1), "
                "l_linestatus char(1), l_shipdate date, l_commitdate date, l_receiptdate date, l_shipinstruct varchar(25), "
                "l_shipmode varchar(10), l_comment varchar(44)",
}


@pytest.fixture(scope="module")
def tpch(server, athena):
    """Generates SF 0.01 into the server's object store, defines the tables; returns the generator's directory."""
    out = server.data_dir / "s3" / BUCKET
    env = {k: v for k, v in os.environ.items() if not k.startswith("PALLAS_")}
    completed = subprocess.run([LAUNCHER, "bench", "tpch", "--sf", "0.01", "--generate-only", "--out", str(out)],
                               env=env, capture_output=True, text=True, timeout=GENERATE_TIMEOUT_SECONDS)
    assert completed.returncode == 0, f"generator failed ({completed.returncode})\n{completed.stdout}\n{completed.stderr}"
    assert sorted(p.name for p in (out / "data").iterdir() if p.is_dir()) == sorted(TABLES)

    succeed(athena, f"CREATE DATABASE {DATABASE}")
    for table, columns in TABLES.items():
        succeed(athena, f"CREATE EXTERNAL TABLE {table} ({columns})\nSTORED AS PARQUET\n"
                        f"LOCATION 's3://{BUCKET}/data/{table}/'")
    return out


def succeed(athena, sql):
    query_id = athena.start_query_execution(
        QueryString=sql, QueryExecutionContext={"Catalog": "AwsDataCatalog", "Database": DATABASE})["QueryExecutionId"]
    execution = wait_for_query(athena, query_id)
    assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"])
    return query_id


def answer(athena, query_id):
    """The column types and the rows after the header row, every page; NULL is None."""
    paginator = athena.get_paginator("get_query_results")
    types, rows = None, []
    for page in paginator.paginate(QueryExecutionId=query_id):
        if types is None:
            types = [column["Type"] for column in page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]]
        rows.extend([datum.get("VarCharValue") for datum in row["Data"]] for row in page["ResultSet"]["Rows"])
    return types, rows[1:]


def reference(path):
    """A reference answer: a comment line, then rows of `|`-separated fields (some lines end with a `|`)."""
    rows = []
    for line in Path(path).read_text().splitlines():
        if line.startswith("--") or not line:
            continue
        rows.append(line.split("|"))
    return rows


def number(text):
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


def matches(expected, actual, decimal):
    """Text and dates exactly; numbers within half a unit of the reference's last digit (the reference is rounded
    and drops trailing zeros; never looser than two decimals), and a decimal answer may be rounded to its own
    scale as well (q14's reference is a double)."""
    if expected == "null":
        return actual is None
    if actual is None:
        return False
    if expected == actual:
        return True
    want, got = number(expected), number(actual)
    if want is None or got is None:
        return False
    want_scale = max(-want.as_tuple().exponent, 2)
    tolerance = max(Decimal(1).scaleb(-want_scale) / 2, abs(want) * Decimal("1e-12"))
    got_scale = -got.as_tuple().exponent
    if decimal and got_scale < -want.as_tuple().exponent:
        tolerance += Decimal(1).scaleb(-got_scale) / 2
    return abs(want - got) <= tolerance


def difference(expected, actual, types):
    """None when the answer is the reference answer, else the first difference."""
    for index, (want, got) in enumerate(zip(expected, actual), start=1):
        if len(want) == len(got) + 1 and want[-1] == "":
            want = want[:-1]
        if len(want) != len(got):
            return f"row {index} has {len(got)} columns, expected {len(want)}: {got} vs {want}"
        for column, (w, g, t) in enumerate(zip(want, got, types), start=1):
            if not matches(w, g, t == "decimal"):
                return f"row {index} column {column}: expected {w!r} but was {g!r}\n  expected {want}\n  actual   {got}"
    if len(expected) != len(actual):
        return f"{len(actual)} rows, expected {len(expected)}"
    return None


def test_comparison_catches_differences():
    expected = [["A", "25.58", "1995-03-11", "305", ""], ["B", "0", "1995-03-12", "15.4865458122841", ""]]
    types = ["varchar", "decimal", "date", "decimal"]
    assert difference(expected, [["A", "25.5774", "1995-03-11", "305.00"], ["B", "0.0000", "1995-03-12", "15.486546"]], types) is None
    assert "row 1 column 2" in difference(expected, [["A", "25.59", "1995-03-11", "305.00"], ["B", "0", "1995-03-12", "15.486546"]], types)
    assert "row 2 column 3" in difference(expected, [["A", "25.58", "1995-03-11", "305.00"], ["B", "0", "1995-03-13", "15.486546"]], types)
    assert "row 2 column 4" in difference(expected, [["A", "25.58", "1995-03-11", "305.00"], ["B", "0", "1995-03-12", "15.48656"]], types)
    assert "1 rows, expected 2" in difference(expected, [["A", "25.58", "1995-03-11", "305.00"]], types)
    assert "row 1 column 1" in difference([["null"]], [["0"]], ["decimal"])


@pytest.mark.parametrize("number", range(1, 23), ids=lambda n: f"q{n}")
def test_tpch_query_gives_reference_answer(athena, tpch, number):
    sql = (tpch / "queries" / f"q{number}.sql").read_text()
    query_id = athena.start_query_execution(
        QueryString=sql, QueryExecutionContext={"Catalog": "AwsDataCatalog", "Database": DATABASE})["QueryExecutionId"]
    execution = wait_for_query(athena, query_id)
    assert execution["Status"]["State"] == "SUCCEEDED", (execution["Status"], sql)
    types, rows = answer(athena, query_id)
    problem = difference(reference(tpch / "answers" / f"q{number}.result"), rows, types)
    assert problem is None, f"TPC-H q{number}: {problem}\n--- SQL:\n{sql}"
