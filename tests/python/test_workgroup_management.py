"""Workgroups through boto3 (contract 2.4, 2.5, 4.9): management, tags, and the settings taking effect on queries."""

import uuid

import pytest
from botocore.exceptions import ClientError

from athena_helpers import error_details, run_query
from conftest import PallasServer

ACCOUNT = "123456789012"  # the server's default --account-id: it owns the local buckets
OTHER_ACCOUNT = "111122223333"
# runs until stopped: about 10^11 rows
LONG_QUERY = ("SELECT count(*) FROM " + " CROSS JOIN ".join(
    f"(VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t{i}(x)" for i in range(11))
    + " WHERE " + " + ".join(f"t{i}.x" for i in range(11)) + " > 0")


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def arn(name):
    return f"arn:aws:athena:us-east-1:{ACCOUNT}:workgroup/{name}"


def refused(call, **kwargs):
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    return error_details(caught.value)


def test_create_get_and_duplicate_create(athena):
    name = unique("wg-create")
    athena.create_work_group(
        Name=name, Description="reporting team",
        Configuration={
            "ResultConfiguration": {"OutputLocation": f"s3://{name}/results/", "ExpectedBucketOwner": ACCOUNT,
                                    "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"},
                                    "AclConfiguration": {"S3AclOption": "BUCKET_OWNER_FULL_CONTROL"}},
            "EnforceWorkGroupConfiguration": False,
            "PublishCloudWatchMetricsEnabled": True,
            "BytesScannedCutoffPerQuery": 10_000_000,
            "RequesterPaysEnabled": True,
        },
        Tags=[{"Key": "team", "Value": "reporting"}])
    workgroup = athena.get_work_group(WorkGroup=name)["WorkGroup"]
    assert workgroup["Name"] == name
    assert workgroup["State"] == "ENABLED"
    assert workgroup["Description"] == "reporting team"
    configuration = workgroup["Configuration"]
    assert configuration["ResultConfiguration"] == {
        "OutputLocation": f"s3://{name}/results/", "ExpectedBucketOwner": ACCOUNT,
        "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"},
        "AclConfiguration": {"S3AclOption": "BUCKET_OWNER_FULL_CONTROL"}}
    assert configuration["EnforceWorkGroupConfiguration"] is False
    assert configuration["PublishCloudWatchMetricsEnabled"] is True
    assert configuration["BytesScannedCutoffPerQuery"] == 10_000_000
    assert configuration["RequesterPaysEnabled"] is True
    assert configuration["EngineVersion"]["SelectedEngineVersion"] == "AUTO"
    assert configuration["EngineVersion"]["EffectiveEngineVersion"] == "Athena engine version 3"
    assert workgroup["CreationTime"].year >= 2024

    code, athena_code, _ = refused(athena.create_work_group, Name=name)
    assert (code, athena_code) == ("InvalidRequestException", "INVALID_INPUT")


def test_unknown_workgroup_is_not_found(athena):
    missing = unique("wg-missing")
    for call, kwargs in [(athena.get_work_group, {"WorkGroup": missing}),
                         (athena.start_query_execution, {"QueryString": "SELECT 1", "WorkGroup": missing}),
                         (athena.update_work_group, {"WorkGroup": missing, "Description": "x"})]:
        assert refused(call, **kwargs) == ("InvalidRequestException", "INVALID_INPUT", "WorkGroup is not found.")


def test_update_replaces_present_members_removes_flagged_ones_and_keeps_the_rest(athena):
    name = unique("wg-update")
    athena.create_work_group(Name=name, Description="before", Configuration={
        "ResultConfiguration": {"OutputLocation": f"s3://{name}/a/", "ExpectedBucketOwner": ACCOUNT,
                                "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": "alias/before"},
                                "AclConfiguration": {"S3AclOption": "BUCKET_OWNER_FULL_CONTROL"}},
        "BytesScannedCutoffPerQuery": 20_000_000})
    created = athena.get_work_group(WorkGroup=name)["WorkGroup"]

    # present values replace, absent ones stay
    athena.update_work_group(WorkGroup=name, ConfigurationUpdates={
        "EnforceWorkGroupConfiguration": True,
        "BytesScannedCutoffPerQuery": 30_000_000,
        "ResultConfigurationUpdates": {"OutputLocation": f"s3://{name}/b/",
                                       "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}}})
    updated = athena.get_work_group(WorkGroup=name)["WorkGroup"]
    assert updated["Description"] == "before"
    assert updated["CreationTime"] == created["CreationTime"]
    assert updated["Configuration"]["EnforceWorkGroupConfiguration"] is True
    assert updated["Configuration"]["BytesScannedCutoffPerQuery"] == 30_000_000
    assert updated["Configuration"]["ResultConfiguration"] == {
        "OutputLocation": f"s3://{name}/b/", "ExpectedBucketOwner": ACCOUNT,
        "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"},
        "AclConfiguration": {"S3AclOption": "BUCKET_OWNER_FULL_CONTROL"}}

    # every Remove* flag clears its member
    athena.update_work_group(WorkGroup=name, Description="after", ConfigurationUpdates={
        "RemoveBytesScannedCutoffPerQuery": True,
        "ResultConfigurationUpdates": {"RemoveOutputLocation": True, "RemoveEncryptionConfiguration": True,
                                       "RemoveExpectedBucketOwner": True, "RemoveAclConfiguration": True}})
    cleared = athena.get_work_group(WorkGroup=name)["WorkGroup"]
    assert cleared["Description"] == "after"
    assert "BytesScannedCutoffPerQuery" not in cleared["Configuration"]
    assert cleared["Configuration"].get("ResultConfiguration", {}) == {}
    assert cleared["Configuration"]["EnforceWorkGroupConfiguration"] is True

    athena.update_work_group(WorkGroup=name, State="DISABLED")
    assert athena.get_work_group(WorkGroup=name)["WorkGroup"]["State"] == "DISABLED"
    athena.update_work_group(WorkGroup=name, State="ENABLED")
    assert athena.get_work_group(WorkGroup=name)["WorkGroup"]["State"] == "ENABLED"


def test_list_work_groups_pages_in_name_order_and_the_last_page_has_no_token(athena):
    prefix = unique("wg-list")
    names = [f"{prefix}-{i}" for i in range(5)]
    for name in reversed(names):
        athena.create_work_group(Name=name, Description=f"number {name[-1]}")
    listed = []
    pages = 0
    kwargs = {"MaxResults": 2}
    while True:
        page = athena.list_work_groups(**kwargs)
        pages += 1
        assert len(page["WorkGroups"]) <= 2
        listed.extend(page["WorkGroups"])
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    listed_names = [summary["Name"] for summary in listed]
    assert listed_names == sorted(listed_names)
    assert len(listed_names) == len(set(listed_names))
    assert "primary" in listed_names
    assert [n for n in listed_names if n.startswith(prefix)] == names
    assert pages == (len(listed_names) + 1) // 2
    mine = {summary["Name"]: summary for summary in listed if summary["Name"].startswith(prefix)}
    assert mine[names[3]]["Description"] == "number 3"
    assert mine[names[3]]["State"] == "ENABLED"
    assert mine[names[3]]["EngineVersion"]["EffectiveEngineVersion"] == "Athena engine version 3"

    code, athena_code, message = refused(athena.list_work_groups, MaxResults=51)
    assert (code, athena_code) == ("InvalidRequestException", "INVALID_INPUT")
    assert message == ("1 validation error detected: Value at 'maxResults' failed to satisfy constraint: "
                       "Member must have value less than or equal to 50")


def test_delete_refuses_primary_and_non_empty_workgroups_unless_recursive(athena):
    assert refused(athena.delete_work_group, WorkGroup="primary")[:2] == ("InvalidRequestException", "INVALID_INPUT")
    assert athena.get_work_group(WorkGroup="primary")["WorkGroup"]["Name"] == "primary"

    empty = unique("wg-empty")
    athena.create_work_group(Name=empty)
    athena.delete_work_group(WorkGroup=empty)
    assert refused(athena.get_work_group, WorkGroup=empty) == ("InvalidRequestException", "INVALID_INPUT", "WorkGroup is not found.")

    busy = unique("wg-busy")
    athena.create_work_group(Name=busy, Configuration={"ResultConfiguration": {"OutputLocation": f"s3://{busy}/"}})
    run_query(athena, "SELECT 1", WorkGroup=busy)
    code, athena_code, message = refused(athena.delete_work_group, WorkGroup=busy)
    assert (code, athena_code) == ("InvalidRequestException", "INVALID_INPUT")
    assert "RecursiveDeleteOption" in message
    assert athena.get_work_group(WorkGroup=busy)["WorkGroup"]["Name"] == busy
    athena.delete_work_group(WorkGroup=busy, RecursiveDeleteOption=True)
    assert refused(athena.get_work_group, WorkGroup=busy)[2] == "WorkGroup is not found."
    assert refused(athena.start_query_execution, QueryString="SELECT 1", WorkGroup=busy)[2] == "WorkGroup is not found."


def test_named_queries_make_a_workgroup_non_empty_and_go_with_a_recursive_delete(athena):
    name = unique("wg-saved")
    athena.create_work_group(Name=name)
    named_query_id = athena.create_named_query(Name="saved", Database="default", QueryString="SELECT 1",
                                               WorkGroup=name)["NamedQueryId"]
    athena.create_prepared_statement(StatementName="kept", WorkGroup=name, QueryStatement="SELECT 1")
    code, athena_code, message = refused(athena.delete_work_group, WorkGroup=name)
    assert (code, athena_code) == ("InvalidRequestException", "INVALID_INPUT")
    assert "RecursiveDeleteOption" in message

    athena.delete_work_group(WorkGroup=name, RecursiveDeleteOption=True)
    # a new workgroup of the same name starts empty: nothing of the deleted one comes back
    athena.create_work_group(Name=name)
    assert athena.list_named_queries(WorkGroup=name)["NamedQueryIds"] == []
    assert athena.list_prepared_statements(WorkGroup=name)["PreparedStatements"] == []
    batch = athena.batch_get_named_query(NamedQueryIds=[named_query_id])
    assert batch["NamedQueries"] == []
    assert [entry["NamedQueryId"] for entry in batch["UnprocessedNamedQueryIds"]] == [named_query_id]


def assert_executions_gone(athena, ids):
    for query_id in ids:
        assert refused(athena.get_query_execution, QueryExecutionId=query_id) == (
            "InvalidRequestException", "INVALID_INPUT", f"QueryExecution {query_id} was not found")
        assert refused(athena.get_query_results, QueryExecutionId=query_id)[2] == f"QueryExecution {query_id} was not found"
    batch = athena.batch_get_query_execution(QueryExecutionIds=ids)
    assert batch["QueryExecutions"] == []
    assert sorted(entry["QueryExecutionId"] for entry in batch["UnprocessedQueryExecutionIds"]) == sorted(ids)


def test_a_recursive_delete_deletes_the_query_executions_also_after_a_restart(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    name = "wg-recursive"
    configuration = {"ResultConfiguration": {"OutputLocation": f"s3://{name}/out/"}}
    token = str(uuid.uuid4())
    reuse = {"ResultReuseByAgeConfiguration": {"Enabled": True}}
    before = PallasServer(data_dir).wait_ready()
    try:
        athena = before.athena_client()
        athena.create_work_group(Name=name, Configuration=configuration)
        finished = run_query(athena, "SELECT 1", WorkGroup=name, ClientRequestToken=token, ResultReuseConfiguration=reuse)
        finished_id = finished["QueryExecutionId"]
        kept_id = run_query(athena, "SELECT 2")["QueryExecutionId"]
        running_id = athena.start_query_execution(QueryString=LONG_QUERY, WorkGroup=name)["QueryExecutionId"]

        athena.delete_work_group(WorkGroup=name, RecursiveDeleteOption=True)

        assert_executions_gone(athena, [finished_id, running_id])
        # the result objects stay, as in Athena
        assert before.result_file(finished["ResultConfiguration"]["OutputLocation"]).read_bytes() == b'"_col0"\n"1"\n'
        athena.create_work_group(Name=name, Configuration=configuration)
        assert athena.list_query_executions(WorkGroup=name)["QueryExecutionIds"] == []
        # neither the token nor the result of a deleted execution answers a new request
        again = run_query(athena, "SELECT 1", WorkGroup=name, ClientRequestToken=token, ResultReuseConfiguration=reuse)
        assert again["QueryExecutionId"] != finished_id
        assert again["Statistics"]["ResultReuseInformation"]["ReusedPreviousResult"] is False
        assert athena.list_query_executions(WorkGroup=name)["QueryExecutionIds"] == [again["QueryExecutionId"]]
    finally:
        before.stop()

    after = PallasServer(data_dir).wait_ready()
    try:
        athena = after.athena_client()
        assert_executions_gone(athena, [finished_id, running_id])
        assert athena.list_query_executions(WorkGroup=name)["QueryExecutionIds"] == [again["QueryExecutionId"]]
        assert athena.get_query_execution(QueryExecutionId=kept_id)["QueryExecution"]["Status"]["State"] == "SUCCEEDED"
    finally:
        after.stop()


def test_tags_on_workgroup_arns(athena):
    name = unique("wg-tags")
    athena.create_work_group(Name=name, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    athena.tag_resource(ResourceARN=arn(name), Tags=[{"Key": "b", "Value": "20"}, {"Key": "c", "Value": ""}])

    def tags():
        collected = []
        for page in athena.get_paginator("list_tags_for_resource").paginate(ResourceARN=arn(name)):
            collected.extend(page["Tags"])
        return {tag["Key"]: tag["Value"] for tag in collected}

    assert tags() == {"a": "1", "b": "20", "c": ""}
    athena.untag_resource(ResourceARN=arn(name), TagKeys=["a", "not-there"])
    assert tags() == {"b": "20", "c": ""}

    missing = arn(unique("wg-nothing"))
    for call, kwargs in [(athena.list_tags_for_resource, {"ResourceARN": missing}),
                         (athena.tag_resource, {"ResourceARN": missing, "Tags": [{"Key": "k", "Value": "v"}]}),
                         (athena.untag_resource, {"ResourceARN": missing, "TagKeys": ["k"]})]:
        with pytest.raises(ClientError) as caught:
            call(**kwargs)
        assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"
        assert caught.value.response["ResourceName"] == missing


def test_a_workgroup_fills_in_what_the_client_left_out(athena, server):
    name = unique("wg-fill")
    athena.create_work_group(Name=name, Configuration={"ResultConfiguration": {
        "OutputLocation": f"s3://{name}/wg/", "ExpectedBucketOwner": ACCOUNT,
        "AclConfiguration": {"S3AclOption": "BUCKET_OWNER_FULL_CONTROL"}}})

    filled = run_query(athena, "SELECT 'filled' AS v", WorkGroup=name)
    assert filled["Status"]["State"] == "SUCCEEDED", filled["Status"]
    assert filled["ResultConfiguration"] == {
        "OutputLocation": f"s3://{name}/wg/{filled['QueryExecutionId']}.csv", "ExpectedBucketOwner": ACCOUNT,
        "AclConfiguration": {"S3AclOption": "BUCKET_OWNER_FULL_CONTROL"}}

    # the client's location wins; what it left out still comes from the workgroup
    client = run_query(athena, "SELECT 'client' AS v", WorkGroup=name,
                       ResultConfiguration={"OutputLocation": f"s3://{name}/client/"})
    location = f"s3://{name}/client/{client['QueryExecutionId']}.csv"
    assert client["ResultConfiguration"]["OutputLocation"] == location
    assert client["ResultConfiguration"]["ExpectedBucketOwner"] == ACCOUNT
    assert client["ResultConfiguration"]["AclConfiguration"] == {"S3AclOption": "BUCKET_OWNER_FULL_CONTROL"}
    assert server.result_file(location).read_bytes() == b'"v"\n"client"\n'
    assert not server.result_file(f"s3://{name}/wg/{client['QueryExecutionId']}.csv").exists()


def test_an_enforcing_workgroup_replaces_the_client_settings(athena, server):
    name = unique("wg-enforce")
    athena.create_work_group(Name=name, Configuration={
        "EnforceWorkGroupConfiguration": True,
        "ResultConfiguration": {"OutputLocation": f"s3://{name}/enforced/"}})
    execution = run_query(athena, "SELECT 'enforced' AS v", WorkGroup=name, ResultConfiguration={
        "OutputLocation": f"s3://{name}/mine/", "ExpectedBucketOwner": OTHER_ACCOUNT,
        "AclConfiguration": {"S3AclOption": "BUCKET_OWNER_FULL_CONTROL"}})
    # silently: the query runs, with none of the client's settings (its expected owner would have failed it)
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    location = f"s3://{name}/enforced/{execution['QueryExecutionId']}.csv"
    assert execution["ResultConfiguration"] == {"OutputLocation": location}
    assert server.result_file(location).read_bytes() == b'"v"\n"enforced"\n'
    assert not server.result_file(f"s3://{name}/mine/{execution['QueryExecutionId']}.csv").exists()


def test_a_disabled_workgroup_refuses_queries_and_named_queries_but_stays_readable(athena):
    name = unique("wg-disabled")
    athena.create_work_group(Name=name, Configuration={"ResultConfiguration": {"OutputLocation": f"s3://{name}/"}})
    earlier = run_query(athena, "SELECT 1", WorkGroup=name)["QueryExecutionId"]
    athena.update_work_group(WorkGroup=name, State="DISABLED")

    code, athena_code, message = refused(athena.start_query_execution, QueryString="SELECT 1", WorkGroup=name)
    assert (code, athena_code) == ("InvalidRequestException", "INVALID_INPUT")
    assert name in message and "disabled" in message
    code, athena_code, message = refused(athena.create_named_query, Name="n", Database="default",
                                         QueryString="SELECT 1", WorkGroup=name)
    assert (code, athena_code) == ("InvalidRequestException", "INVALID_INPUT")
    assert name in message and "disabled" in message
    # history and settings remain visible, and nothing was created by the refused calls
    assert athena.list_query_executions(WorkGroup=name)["QueryExecutionIds"] == [earlier]
    assert athena.list_named_queries(WorkGroup=name)["NamedQueryIds"] == []
    assert athena.get_work_group(WorkGroup=name)["WorkGroup"]["State"] == "DISABLED"

    athena.update_work_group(WorkGroup=name, State="ENABLED")
    assert run_query(athena, "SELECT 1", WorkGroup=name)["Status"]["State"] == "SUCCEEDED"


def test_listings_are_scoped_by_workgroup(athena):
    first, second = unique("wg-scope-a"), unique("wg-scope-b")
    for name in (first, second):
        athena.create_work_group(Name=name, Configuration={"ResultConfiguration": {"OutputLocation": f"s3://{name}/"}})
    in_first = [run_query(athena, f"SELECT {i}", WorkGroup=first)["QueryExecutionId"] for i in range(3)]
    in_second = run_query(athena, "SELECT 'b'", WorkGroup=second)["QueryExecutionId"]

    listed = []
    for page in athena.get_paginator("list_query_executions").paginate(WorkGroup=first, PaginationConfig={"PageSize": 2}):
        assert len(page["QueryExecutionIds"]) <= 2
        listed.extend(page["QueryExecutionIds"])
    assert listed == list(reversed(in_first))
    assert athena.list_query_executions(WorkGroup=second)["QueryExecutionIds"] == [in_second]
    assert not set(in_first + [in_second]) & set(athena.list_query_executions()["QueryExecutionIds"])

    named_first = athena.create_named_query(Name="a", Database="default", QueryString="SELECT 1", WorkGroup=first)["NamedQueryId"]
    named_second = athena.create_named_query(Name="b", Database="default", QueryString="SELECT 2", WorkGroup=second)["NamedQueryId"]
    assert athena.list_named_queries(WorkGroup=first)["NamedQueryIds"] == [named_first]
    assert athena.list_named_queries(WorkGroup=second)["NamedQueryIds"] == [named_second]

    athena.create_prepared_statement(StatementName="same_name", WorkGroup=first, QueryStatement="SELECT 'first'")
    athena.create_prepared_statement(StatementName="same_name", WorkGroup=second, QueryStatement="SELECT 'second'")
    assert athena.get_prepared_statement(StatementName="same_name", WorkGroup=first)["PreparedStatement"]["QueryStatement"] == "SELECT 'first'"
    assert athena.get_prepared_statement(StatementName="same_name", WorkGroup=second)["PreparedStatement"]["QueryStatement"] == "SELECT 'second'"
    executed = run_query(athena, "EXECUTE same_name", WorkGroup=second)
    rows = athena.get_query_results(QueryExecutionId=executed["QueryExecutionId"])["ResultSet"]["Rows"]
    assert rows[1]["Data"][0]["VarCharValue"] == "second"


def test_queries_scanning_more_than_the_cutoff_are_cancelled(athena, server):
    bucket = unique("scan-data")
    table = unique("lines").replace("-", "_")
    folder = server.data_dir / "s3" / bucket / "lines"
    folder.mkdir(parents=True)
    (folder / "lines.txt").write_bytes(("x" * 99 + "\n").encode() * 120_000)  # 12 MB: over the 10 MB minimum cutoff
    created = run_query(athena, f"CREATE EXTERNAL TABLE {table} (line string) LOCATION 's3://{bucket}/lines/'")
    assert created["Status"]["State"] == "SUCCEEDED", created["Status"]

    capped = unique("wg-capped")
    athena.create_work_group(Name=capped, Configuration={"BytesScannedCutoffPerQuery": 10_000_000,
                                                         "ResultConfiguration": {"OutputLocation": f"s3://{capped}/"}})
    cancelled = run_query(athena, f"SELECT count(*) FROM {table}", WorkGroup=capped)
    assert cancelled["Status"]["State"] == "CANCELLED", cancelled["Status"]
    assert "BytesScannedCutoffPerQuery" in cancelled["Status"]["StateChangeReason"]
    assert "10000000" in cancelled["Status"]["StateChangeReason"]
    assert not server.result_file(cancelled["ResultConfiguration"]["OutputLocation"]).exists()
    with pytest.raises(ClientError) as caught:
        athena.get_query_results(QueryExecutionId=cancelled["QueryExecutionId"])
    assert error_details(caught.value)[:2] == ("InvalidRequestException", "RESULT_NOT_FOUND")

    # under the limit, or without one, the same query succeeds
    athena.update_work_group(WorkGroup=capped, ConfigurationUpdates={"BytesScannedCutoffPerQuery": 13_000_000})
    assert run_query(athena, f"SELECT count(*) FROM {table}", WorkGroup=capped)["Status"]["State"] == "SUCCEEDED"
    athena.update_work_group(WorkGroup=capped, ConfigurationUpdates={"BytesScannedCutoffPerQuery": 10_000_000})
    athena.update_work_group(WorkGroup=capped, ConfigurationUpdates={"RemoveBytesScannedCutoffPerQuery": True})
    uncapped = run_query(athena, f"SELECT count(*) FROM {table}", WorkGroup=capped)
    assert uncapped["Status"]["State"] == "SUCCEEDED"
    rows = athena.get_query_results(QueryExecutionId=uncapped["QueryExecutionId"])["ResultSet"]["Rows"]
    assert rows[1]["Data"][0]["VarCharValue"] == "120000"


def test_expected_bucket_owner_mismatch_fails_the_query_and_writes_nothing(athena, server):
    owned = run_query(athena, "SELECT 'owned' AS v", ResultConfiguration={"ExpectedBucketOwner": ACCOUNT})
    assert owned["Status"]["State"] == "SUCCEEDED", owned["Status"]
    assert server.result_file(owned["ResultConfiguration"]["OutputLocation"]).exists()

    failed = run_query(athena, "SELECT 'other' AS v", ResultConfiguration={"ExpectedBucketOwner": OTHER_ACCOUNT})
    status = failed["Status"]
    assert status["State"] == "FAILED", status
    assert status["AthenaError"]["ErrorCategory"] == 2
    assert status["AthenaError"]["ErrorType"] == 1501  # Amazon S3 permission error
    assert status["AthenaError"]["Retryable"] is False
    assert "PERMISSION_DENIED" in status["StateChangeReason"]
    assert OTHER_ACCOUNT in status["StateChangeReason"]
    location = failed["ResultConfiguration"]["OutputLocation"]
    assert failed["ResultConfiguration"]["ExpectedBucketOwner"] == OTHER_ACCOUNT
    assert not server.result_file(location).exists()
    assert not server.result_file(location + ".metadata").exists()
    with pytest.raises(ClientError) as caught:
        athena.get_query_results(QueryExecutionId=failed["QueryExecutionId"])
    assert error_details(caught.value)[:2] == ("InvalidRequestException", "INVALID_QUERY_EXECUTION_STATE")

    # the same check through a workgroup's own ExpectedBucketOwner
    name = unique("wg-owner")
    athena.create_work_group(Name=name, Configuration={"ResultConfiguration": {
        "OutputLocation": f"s3://{name}/", "ExpectedBucketOwner": OTHER_ACCOUNT}})
    through_workgroup = run_query(athena, "SELECT 1", WorkGroup=name)
    assert through_workgroup["Status"]["State"] == "FAILED"
    assert through_workgroup["Status"]["AthenaError"]["ErrorType"] == 1501
    assert not server.result_file(through_workgroup["ResultConfiguration"]["OutputLocation"]).exists()
