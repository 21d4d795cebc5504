"""Data catalogs (Create/Update/Delete/Get/ListDataCatalogs), catalog names in queries, SCHEMA_NOT_FOUND and
partition pruning, through boto3's Athena client."""

import uuid

import pytest
from botocore.exceptions import ClientError

from athena_helpers import error_details, run_query

ACCOUNT = "123456789012"


def unique(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def rows(athena, execution):
    pages = athena.get_paginator("get_query_results").paginate(QueryExecutionId=execution["QueryExecutionId"])
    return [[datum.get("VarCharValue") for datum in row["Data"]] for page in pages for row in page["ResultSet"]["Rows"]][1:]


def succeed(athena, sql, **kwargs):
    execution = run_query(athena, sql, **kwargs)
    assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"])
    return execution


def test_catalog_lifecycle(athena):
    name = unique("Mirror")
    created = athena.create_data_catalog(Name=name, Type="GLUE", Description="our own Glue catalog",
                                         Parameters={"catalog-id": ACCOUNT}, Tags=[{"Key": "team", "Value": "data"}])
    assert created["DataCatalog"]["Name"] == name
    assert created["DataCatalog"]["Status"] == "CREATE_COMPLETE"

    summaries = [summary for page in athena.get_paginator("list_data_catalogs").paginate(PaginationConfig={"PageSize": 2})
                 for summary in page["DataCatalogsSummary"]]
    assert summaries[0] == {"CatalogName": "AwsDataCatalog", "Type": "GLUE"}
    assert {"CatalogName": name, "Type": "GLUE", "Status": "CREATE_COMPLETE"} in summaries

    got = athena.get_data_catalog(Name=name.upper())["DataCatalog"]
    assert got == {"Name": name, "Description": "our own Glue catalog", "Type": "GLUE",
                   "Parameters": {"catalog-id": ACCOUNT}, "Status": "CREATE_COMPLETE"}

    with pytest.raises(ClientError) as duplicate:
        athena.create_data_catalog(Name=name.lower(), Type="GLUE", Parameters={"catalog-id": ACCOUNT})
    assert error_details(duplicate.value) == ("InvalidRequestException", "INVALID_INPUT", f"DataCatalog {name.lower()} already exists.")

    athena.update_data_catalog(Name=name, Type="HIVE", Parameters={"metadata-function": "arn:aws:lambda:us-east-1:1:function:hms"})
    assert athena.get_data_catalog(Name=name)["DataCatalog"]["Type"] == "HIVE"

    deleted = athena.delete_data_catalog(Name=name)["DataCatalog"]
    assert deleted["Name"] == name
    with pytest.raises(ClientError) as missing:
        athena.get_data_catalog(Name=name)
    assert error_details(missing.value) == ("InvalidRequestException", "DATACATALOG_NOT_FOUND", f"DataCatalog {name} was not found.")
    with pytest.raises(ClientError) as built_in:
        athena.delete_data_catalog(Name="AwsDataCatalog")
    assert error_details(built_in.value)[1] == "INVALID_INPUT"


def test_queries_through_catalog_names(athena, server):
    database = unique("cats")
    folder = server.data_dir / "s3" / "catalog-data" / database
    folder.mkdir(parents=True)
    (folder / "part-0.csv").write_text("1,apple\n2,pear\n")
    succeed(athena, f"CREATE DATABASE {database}")
    succeed(athena, f"CREATE EXTERNAL TABLE {database}.fruit (id int, name string) "
                    f"ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://catalog-data/{database}/'")
    mirror = unique("mirror")
    lambda_catalog = unique("dynamo")
    athena.create_data_catalog(Name=mirror, Type="GLUE", Parameters={"catalog-id": ACCOUNT})
    athena.create_data_catalog(Name=lambda_catalog, Type="LAMBDA", Parameters={"function": "arn:aws:lambda:us-east-1:1:function:f"})
    try:
        assert rows(athena, succeed(athena, f"SELECT name FROM {mirror}.{database}.fruit ORDER BY id")) == [["apple"], ["pear"]]
        in_context = succeed(athena, "SELECT count(*) FROM fruit",
                             QueryExecutionContext={"Catalog": mirror.upper(), "Database": database})
        assert in_context["QueryExecutionContext"]["Catalog"] == mirror
        assert rows(athena, in_context) == [["2"]]
        databases = [d["Name"] for page in athena.get_paginator("list_databases").paginate(CatalogName=mirror) for d in page["DatabaseList"]]
        assert database in databases

        refused = run_query(athena, f"SELECT * FROM {lambda_catalog}.{database}.fruit")
        assert refused["Status"]["State"] == "FAILED"
        assert refused["Status"]["StateChangeReason"].startswith(f"NOT_SUPPORTED: line 1:15: Catalog '{lambda_catalog}' is a LAMBDA data catalog")
        assert refused["Status"]["AthenaError"]["ErrorType"] == 1200

        unknown = run_query(athena, f"SELECT * FROM nocatalog.{database}.fruit")
        assert unknown["Status"]["StateChangeReason"] == "CATALOG_NOT_FOUND: line 1:15: Catalog 'nocatalog' does not exist"
    finally:
        athena.delete_data_catalog(Name=mirror)
        athena.delete_data_catalog(Name=lambda_catalog)


def test_missing_schema_is_schema_not_found(athena):
    failed = run_query(athena, "SELECT * FROM no_such_schema.t")
    assert failed["Status"]["State"] == "FAILED"
    assert failed["Status"]["StateChangeReason"] == "SCHEMA_NOT_FOUND: line 1:15: Schema 'no_such_schema' does not exist"
    assert failed["Status"]["AthenaError"]["ErrorCategory"] == 2
    assert failed["Status"]["AthenaError"]["ErrorType"] == 1301


def test_partition_predicates_read_only_their_partitions(athena, server):
    database = unique("pruning")
    root = server.data_dir / "s3" / "catalog-data" / database
    sizes = {}
    for day in range(1, 11):
        folder = root / f"dt=2024-01-{day:02d}"
        folder.mkdir(parents=True)
        path = folder / "events.csv"
        path.write_text("".join(f"{day * 100 + n},event{n}\n" for n in range(day)))
        sizes[f"2024-01-{day:02d}"] = path.stat().st_size
    succeed(athena, f"CREATE DATABASE {database}")
    succeed(athena, f"CREATE EXTERNAL TABLE {database}.events (id int, name string) PARTITIONED BY (dt string) "
                    f"ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://catalog-data/{database}/'")
    succeed(athena, f"MSCK REPAIR TABLE {database}.events")

    for condition, kept in [
        ("dt = '2024-01-03'", ["2024-01-03"]),
        ("dt IN ('2024-01-01', '2024-01-10') AND id > 0", ["2024-01-01", "2024-01-10"]),
        ("dt BETWEEN '2024-01-04' AND '2024-01-06' OR dt > '2024-01-09'", ["2024-01-04", "2024-01-05", "2024-01-06", "2024-01-10"]),
    ]:
        pruned = succeed(athena, f"SELECT dt, id FROM {database}.events WHERE {condition} ORDER BY id")
        unpruned = succeed(athena, f"SELECT dt, id FROM (SELECT * FROM {database}.events) WHERE {condition} ORDER BY id")
        assert rows(athena, pruned) == rows(athena, unpruned)
        assert pruned["Statistics"]["DataScannedInBytes"] == sum(sizes[day] for day in kept), condition
        assert unpruned["Statistics"]["DataScannedInBytes"] == sum(sizes.values())
