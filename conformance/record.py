#!/usr/bin/env python3
"""Records the conformance corpus from a real Trino 476.

Reads conformance/queries/<family>.sql, runs every query on the Trino server at --server (client protocol:
POST /v1/statement, then follow nextUri), and writes conformance/corpus/<family>.json with what Athena would
answer: column names, ColumnInfo Type / Precision / Scale, and each row as GetQueryResults' VarCharValue text
(null for SQL NULL), or the error name and message of a query that fails.

Usage: python3 conformance/record.py [--server http://127.0.0.1:18080] [family ...]
See DEVELOPMENT.md ("Conformance corpus") for how to fetch and start Trino 476.
"""

import argparse
import base64
from decimal import Decimal
import json
import math
import pathlib
import re
import struct
import sys

import requests

ROOT = pathlib.Path(__file__).resolve().parent
QUERIES = ROOT / "queries"
CORPUS = ROOT / "corpus"

# Athena's session: UTC. PARAMETRIC_DATETIME makes Trino report timestamp(p) / time(p) with their precision
# and send their values with every fractional digit, as Athena shows them.
SESSION_HEADERS = {
    "X-Trino-User": "conformance",
    "X-Trino-Source": "pallas-conformance",
    "X-Trino-Time-Zone": "UTC",
    "X-Trino-Language": "en-US",
    "X-Trino-Client-Capabilities": "PARAMETRIC_DATETIME",
}
UNBOUNDED = 2147483647


def read_queries(path):
    """The queries of one family file: statements end with ';' at the end of a line; '--' lines are comments."""
    queries, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            text = "\n".join(current).rstrip()
            queries.append(text[:-1].rstrip())
            current = []
    if current:
        raise SystemExit(f"{path}: the last query has no terminating ';'")
    return queries


def run(server, sql):
    response = requests.post(f"{server}/v1/statement", data=sql.encode("utf-8"), headers=SESSION_HEADERS, timeout=120)
    response.raise_for_status()
    result = response.json()
    columns, rows = None, []
    while True:
        if "columns" in result and columns is None:
            columns = result["columns"]
        rows.extend(result.get("data", []))
        if "error" in result:
            return None, None, result["error"]
        if "nextUri" not in result:
            return columns, rows, None
        response = requests.get(result["nextUri"], headers=SESSION_HEADERS, timeout=120)
        response.raise_for_status()
        result = response.json()


# --- types -------------------------------------------------------------------------------------------------------

def long_arguments(signature):
    return [argument["value"] for argument in signature["arguments"] if argument["kind"] == "LONG"]


def type_arguments(signature):
    return [argument["value"] for argument in signature["arguments"] if argument["kind"] == "TYPE"]


def row_fields(signature):
    fields = []
    for argument in signature["arguments"]:
        value = argument["value"]
        name = (value.get("fieldName") or {}).get("name")
        fields.append((name, value["typeSignature"]))
    return fields


def column_info(signature):
    """ColumnInfo (Type, Precision, Scale) as Athena reports it for a Trino type (athena-contract.md 4.14)."""
    raw = signature["rawType"]
    longs = long_arguments(signature)
    fixed = {"boolean": 0, "tinyint": 3, "smallint": 5, "integer": 10, "bigint": 19, "real": 17, "double": 17,
             "date": 0, "varbinary": 1073741824, "time": 3, "time with time zone": 3, "timestamp": 3,
             "timestamp with time zone": 3}
    if raw == "decimal":
        return "decimal", longs[0], longs[1]
    if raw in ("varchar", "char"):
        return raw, (longs[0] if longs else UNBOUNDED), 0
    if raw in fixed:
        return ("float" if raw == "real" else raw), fixed[raw], 0
    return raw, 0, 0


# --- values ------------------------------------------------------------------------------------------------------

def java_decimal_text(digits, exponent, negative):
    """Java's Double.toString / Float.toString layout of the shortest digits d1d2... x 10^exponent (d1.d2... form)."""
    sign = "-" if negative else ""
    if -3 <= exponent < 7:
        if exponent >= 0:
            integer = digits[:exponent + 1].ljust(exponent + 1, "0")
            fraction = digits[exponent + 1:] or "0"
        else:
            integer = "0"
            fraction = "0" * (-exponent - 1) + digits
        return f"{sign}{integer}.{fraction}"
    fraction = digits[1:] or "0"
    return f"{sign}{digits[0]}.{fraction}E{exponent}"


def shortest_digits(text):
    """(digits, exponent) of a positive decimal text: '1.2345e-05' -> ('12345', -5)."""
    _, digits, exponent = Decimal(text).normalize().as_tuple()
    digits = "".join(map(str, digits))
    return digits, len(digits) + exponent - 1


def render_floating(value, single):
    if isinstance(value, str):
        return value  # NaN, Infinity, -Infinity
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1, value) < 0 else "0.0"
    if single:
        stored = struct.unpack("f", struct.pack("f", value))[0]
        for precision in range(1, 10):
            text = f"{abs(stored):.{precision}e}"
            if struct.unpack("f", struct.pack("f", float(text)))[0] == abs(stored):
                break
        digits, point = shortest_digits(text)
        return java_decimal_text(digits, point, stored < 0)
    digits, point = shortest_digits(repr(abs(value)))
    return java_decimal_text(digits, point, value < 0)


class Unrecordable(Exception):
    """A value whose Athena text is not deterministic (a varbinary inside an array, map or row)."""


def render(signature, value, nested=False):
    if value is None:
        return "null" if nested else None
    raw = signature["rawType"]
    if raw == "boolean":
        return "true" if value else "false"
    if raw in ("tinyint", "smallint", "integer", "bigint"):
        return str(int(value))
    if raw == "double":
        return render_floating(value, single=False)
    if raw == "real":
        return render_floating(value, single=True)
    if raw == "varbinary":
        if nested:
            raise Unrecordable("varbinary nested in a complex value renders as a Java object id")
        return " ".join(f"{byte:02x}" for byte in base64.b64decode(value))
    if raw == "array":
        element = type_arguments(signature)[0]
        return "[" + ", ".join(render(element, item, True) for item in value) + "]"
    if raw == "map":
        key_type, value_type = type_arguments(signature)
        entries = []
        for key, item in value.items():
            entries.append(render(key_type, map_key(key_type, key), True) + "=" + render(value_type, item, True))
        return "{" + ", ".join(entries) + "}"
    if raw == "row":
        parts = []
        for (name, field_type), item in zip(row_fields(signature), value):
            text = render(field_type, item, True)
            parts.append(f"{name}={text}" if name else text)
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, (dict, list)):
        raise Unrecordable(f"unexpected JSON value for {raw}: {value!r}")
    return str(value)


def map_key(signature, key):
    raw = signature["rawType"]
    if raw in ("tinyint", "smallint", "integer", "bigint"):
        return int(key)
    if raw in ("double", "real"):
        return float(key) if key not in ("NaN", "Infinity", "-Infinity") else key
    if raw == "boolean":
        return key == "true"
    if raw in ("array", "map", "row"):
        raise Unrecordable("complex map keys")
    return key


def is_ordered(sql):
    """Whether the outermost query has an ORDER BY (rows are then compared in order)."""
    depth, text = 0, []
    for char in re.sub(r"'(?:[^']|'')*'", "''", sql):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            text.append(char)
    return re.search(r"\border\s+by\b", "".join(text), re.IGNORECASE) is not None


def record_case(server, case_id, sql):
    columns, rows, error = run(server, sql)
    case = {"id": case_id, "sql": sql}
    if error is not None:
        case["error"] = {"name": error["errorName"], "message": error.get("message", "")}
        return case
    case["ordered"] = is_ordered(sql)
    case["columns"] = []
    for column in columns:
        athena_type, precision, scale = column_info(column["typeSignature"])
        case["columns"].append({"name": column["name"], "type": athena_type, "precision": precision, "scale": scale,
                                "trino_type": column["type"]})
    case["rows"] = [[render(column["typeSignature"], value) for column, value in zip(columns, row)] for row in rows]
    return case


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="http://127.0.0.1:18080")
    parser.add_argument("families", nargs="*")
    arguments = parser.parse_args()
    info = requests.get(f"{arguments.server}/v1/info", timeout=10).json()
    version = info["nodeVersion"]["version"]
    if version != "476":
        print(f"warning: recording from Trino {version}, not 476", file=sys.stderr)
    families = arguments.families or sorted(path.stem for path in QUERIES.glob("*.sql"))
    CORPUS.mkdir(exist_ok=True)
    total = 0
    for family in families:
        cases = []
        for number, sql in enumerate(read_queries(QUERIES / f"{family}.sql"), start=1):
            case_id = f"{family}-{number:03d}"
            try:
                cases.append(record_case(arguments.server, case_id, sql))
            except Unrecordable as e:
                raise SystemExit(f"{case_id}: cannot be recorded ({e}); change the query:\n{sql}")
        document = {
            "family": family,
            "recorded_with": f"Trino {version}",
            "session": {"time_zone": "UTC", "client_capabilities": SESSION_HEADERS["X-Trino-Client-Capabilities"]},
            "cases": cases,
        }
        (CORPUS / f"{family}.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        failed = sum(1 for case in cases if "error" in case)
        print(f"{family:14} {len(cases):4} queries ({failed} expected failures)")
        total += len(cases)
    print(f"total          {total:4} queries")


if __name__ == "__main__":
    main()
