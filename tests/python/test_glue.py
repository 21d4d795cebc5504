"""The Glue catalog API as dbt-athena and awswrangler call it, through boto3's glue client."""

import uuid

import boto3
import pytest
from botocore.config import Config

from conftest import REGION


@pytest.fixture(scope="module")
def glue(server):
    """A boto3 Glue client pointed at the shared server (same endpoint as Athena), with retries disabled."""
    return boto3.client(
        "glue",
        endpoint_url=server.endpoint,
        region_name=REGION,
        aws_access_key_id="pallas",
        aws_secret_access_key="pallas",
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60),
    )


def unique(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


STORAGE = {
    "Columns": [{"Name": "id", "Type": "bigint", "Comment": "key"}, {"Name": "name", "Type": "string"}],
    "Location": "s3://warehouse/glue/",
    "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
    "Compressed": False,
    "NumberOfBuckets": -1,
    "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                  "Parameters": {"serialization.format": "1"}},
    "BucketColumns": [],
}


def create_table(glue, database, name, partition_keys=(), **extra):
    glue.create_table(DatabaseName=database, TableInput={
        "Name": name,
        "StorageDescriptor": {**STORAGE, "Location": f"s3://warehouse/{database}/{name}/"},
        "PartitionKeys": list(partition_keys),
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": "parquet", "EXTERNAL": "TRUE"},
        **extra,
    })


def test_databases_paginator_and_create(glue):
    names = [unique("glue_db") for _ in range(3)]
    for name in names:
        glue.create_database(DatabaseInput={"Name": name.upper(), "Description": "made by boto3", "Parameters": {"k": "v"}})
    paginator = glue.get_paginator("get_databases")
    listed = [database["Name"] for page in paginator.paginate(PaginationConfig={"PageSize": 2}) for database in page["DatabaseList"]]
    assert "default" in listed
    assert set(names) <= set(listed)
    assert len(listed) == len(set(listed))
    database = glue.get_database(Name=names[0])["Database"]
    assert database["Name"] == names[0]
    assert database["Description"] == "made by boto3"
    assert database["Parameters"] == {"k": "v"}
    assert database["CreateTime"].year >= 2024


def test_create_and_get_table(glue):
    database = unique("glue_tables")
    glue.create_database(DatabaseInput={"Name": database})
    create_table(glue, database, "Events", partition_keys=[{"Name": "dt", "Type": "string"}], Description="events", Owner="dbt")
    table = glue.get_table(DatabaseName=database, Name="events")["Table"]
    assert table["Name"] == "events"
    assert table["DatabaseName"] == database
    assert table["TableType"] == "EXTERNAL_TABLE"
    assert table["Description"] == "events"
    assert table["Owner"] == "dbt"
    assert table["PartitionKeys"] == [{"Name": "dt", "Type": "string"}]
    assert table["Parameters"] == {"classification": "parquet", "EXTERNAL": "TRUE"}
    descriptor = table["StorageDescriptor"]
    assert descriptor["Columns"] == STORAGE["Columns"]
    assert descriptor["Location"] == f"s3://warehouse/{database}/Events/"  # locations keep their case
    assert descriptor["InputFormat"] == STORAGE["InputFormat"]
    assert descriptor["OutputFormat"] == STORAGE["OutputFormat"]
    assert descriptor["SerdeInfo"] == STORAGE["SerdeInfo"]
    assert descriptor["NumberOfBuckets"] == -1
    assert table["CreateTime"] == table["UpdateTime"]


def test_get_tables_with_expression_and_paging(glue):
    database = unique("glue_expr")
    glue.create_database(DatabaseInput={"Name": database})
    for name in ("stg_orders", "stg_customers", "fct_orders"):
        create_table(glue, database, name)
    names = [table["Name"] for table in glue.get_tables(DatabaseName=database, Expression="stg_*")["TableList"]]
    assert names == ["stg_customers", "stg_orders"]
    names = [table["Name"] for table in glue.get_tables(DatabaseName=database, Expression="fct_orders")["TableList"]]
    assert names == ["fct_orders"]
    paginator = glue.get_paginator("get_tables")
    pages = list(paginator.paginate(DatabaseName=database, PaginationConfig={"PageSize": 2}))
    assert len(pages) == 2
    assert [table["Name"] for page in pages for table in page["TableList"]] == ["fct_orders", "stg_customers", "stg_orders"]


def test_partitions(glue):
    database = unique("glue_parts")
    glue.create_database(DatabaseInput={"Name": database})
    create_table(glue, database, "clicks", partition_keys=[{"Name": "year", "Type": "string"}, {"Name": "month", "Type": "string"}])
    inputs = [{"Values": [year, month], "StorageDescriptor": {**STORAGE, "Location": f"s3://warehouse/clicks/{year}/{month}/"}}
              for year in ("2023", "2024") for month in ("01", "02", "03")]
    response = glue.batch_create_partition(DatabaseName=database, TableName="clicks", PartitionInputList=inputs)
    assert response.get("Errors", []) == []
    again = glue.batch_create_partition(DatabaseName=database, TableName="clicks", PartitionInputList=inputs[:1])
    assert again["Errors"][0]["PartitionValues"] == ["2023", "01"]
    assert again["Errors"][0]["ErrorDetail"]["ErrorCode"] == "AlreadyExistsException"

    paginator = glue.get_paginator("get_partitions")
    values = [partition["Values"] for page in paginator.paginate(DatabaseName=database, TableName="clicks", PaginationConfig={"PageSize": 4})
              for partition in page["Partitions"]]
    assert values == [[year, month] for year in ("2023", "2024") for month in ("01", "02", "03")]
    filtered = [partition["Values"] for page in paginator.paginate(DatabaseName=database, TableName="clicks",
                                                                   Expression="year = '2024' AND month IN ('01', '03')")
                for partition in page["Partitions"]]
    assert filtered == [["2024", "01"], ["2024", "03"]]
    partition = glue.get_partition(DatabaseName=database, TableName="clicks", PartitionValues=["2023", "02"])["Partition"]
    assert partition["StorageDescriptor"]["Location"] == "s3://warehouse/clicks/2023/02/"
    assert partition["StorageDescriptor"]["Columns"] == STORAGE["Columns"]

    with pytest.raises(glue.exceptions.InvalidInputException):
        glue.get_partitions(DatabaseName=database, TableName="clicks", Expression="year LIKE '20%'")
    with pytest.raises(glue.exceptions.EntityNotFoundException) as missing:
        glue.get_partition(DatabaseName=database, TableName="clicks", PartitionValues=["1999", "01"])
    assert missing.value.response["Error"]["Message"] == "Cannot find partition."


def test_delete_table(glue):
    database = unique("glue_drop")
    glue.create_database(DatabaseInput={"Name": database})
    create_table(glue, database, "gone")
    glue.delete_table(DatabaseName=database, Name="gone")
    with pytest.raises(glue.exceptions.EntityNotFoundException) as missing:
        glue.get_table(DatabaseName=database, Name="gone")
    assert missing.value.response["Error"]["Message"] == "Table gone not found."
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.delete_table(DatabaseName=database, Name="gone")


def test_errors(glue):
    database = unique("glue_errors")
    with pytest.raises(glue.exceptions.EntityNotFoundException) as missing:
        glue.get_database(Name=database)
    assert missing.value.response["Error"]["Message"] == f"Database {database} not found."
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400

    glue.create_database(DatabaseInput={"Name": database})
    with pytest.raises(glue.exceptions.AlreadyExistsException) as exists:
        glue.create_database(DatabaseInput={"Name": database})
    assert exists.value.response["Error"]["Message"] == "Database already exists."

    create_table(glue, database, "t")
    with pytest.raises(glue.exceptions.AlreadyExistsException) as exists:
        create_table(glue, database, "T")
    assert exists.value.response["Error"]["Message"] == "Table already exists."

    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.get_tables(DatabaseName=unique("no_such_db"))


def test_athena_sees_tables_created_through_glue(glue, athena):
    database = unique("glue_athena")
    glue.create_database(DatabaseInput={"Name": database})
    create_table(glue, database, "shared")
    metadata = athena.get_table_metadata(CatalogName="AwsDataCatalog", DatabaseName=database, TableName="shared")["TableMetadata"]
    assert [column["Name"] for column in metadata["Columns"]] == ["id", "name"]
