#!/usr/bin/env python3
"""Records the signatures Trino 476 lists for SHOW FUNCTIONS into the catalogue Pallas answers SHOW FUNCTIONS from.

Usage: python3 conformance/record_functions.py [--server http://127.0.0.1:18080]

Runs SHOW FUNCTIONS once on a running Trino 476 (see README.md in this directory for how to start one) and writes
pallas-duckdb/src/main/resources/io/pallas/duckdb/trino-functions.tsv: one line per signature with the function
name, return type, argument types, function type and deterministic flag, in Trino's order. Trino's descriptions
are not kept. Pallas lists only the rows whose function name it translates (TrinoFunctionCatalog).
"""

import argparse
import os
import sys

import requests

HEADERS = {"X-Trino-User": "pallas-functions", "X-Trino-Source": "pallas-functions", "X-Trino-Time-Zone": "UTC"}
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                      "pallas-duckdb", "src", "main", "resources", "io", "pallas", "duckdb", "trino-functions.tsv")


def show_functions(server):
    response = requests.post(f"{server}/v1/statement", data=b"SHOW FUNCTIONS", headers=HEADERS, timeout=120)
    response.raise_for_status()
    payload = response.json()
    columns, rows = None, []
    while True:
        if "error" in payload:
            raise SystemExit(f"SHOW FUNCTIONS failed: {payload['error'].get('message')}")
        columns = payload.get("columns", columns)
        rows.extend(payload.get("data", []))
        if "nextUri" not in payload:
            return [column["name"] for column in columns], rows
        payload = requests.get(payload["nextUri"], headers=HEADERS, timeout=120).json()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="http://127.0.0.1:18080")
    arguments = parser.parse_args()
    names, rows = show_functions(arguments.server)
    kept = ["Function", "Return Type", "Argument Types", "Function Type", "Deterministic"]
    indexes = [names.index(name) for name in kept]
    lines = []
    for row in rows:
        values = [row[i] for i in indexes]
        values[4] = "true" if values[4] in (True, "true") else "false"
        if any("\t" in str(value) or "\n" in str(value) for value in values):
            raise SystemExit(f"unexpected tab or newline in {values}")
        lines.append("\t".join(str(value) for value in values))
    with open(OUTPUT, "w", encoding="utf-8") as out:
        out.write("# Trino 476 SHOW FUNCTIONS signatures, written by conformance/record_functions.py; do not edit\n")
        out.write("\t".join(kept) + "\n")
        for line in lines:
            out.write(line + "\n")
    print(f"{len(lines)} signatures written to {os.path.relpath(OUTPUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
