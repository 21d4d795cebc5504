"""ClientRequestToken idempotency of StartQueryExecution through boto3 (contract 4.4 step 8, 4.5)."""

import threading
import uuid

import pytest
from botocore.exceptions import ClientError

from athena_helpers import error_details, run_query, wait_for_query

MISMATCH = ("InvalidRequestException", "IDEMPOTENT_PARAMETER_MISMATCH", "Idempotent parameters do not match")
RESULTS = "s3://pallas-query-results/"


def new_token():
    return str(uuid.uuid4())


def refusal(athena, **kwargs):
    with pytest.raises(ClientError) as caught:
        athena.start_query_execution(**kwargs)
    return error_details(caught.value)


def test_same_token_and_parameters_return_the_same_execution_in_every_state(athena):
    token = new_token()
    first = athena.start_query_execution(QueryString="SELECT 'once' AS v", ClientRequestToken=token)["QueryExecutionId"]
    assert athena.start_query_execution(QueryString="SELECT 'once' AS v", ClientRequestToken=token)["QueryExecutionId"] == first
    finished = wait_for_query(athena, first)
    assert finished["Status"]["State"] == "SUCCEEDED"
    assert athena.start_query_execution(QueryString="SELECT 'once' AS v", ClientRequestToken=token)["QueryExecutionId"] == first
    # the replay started nothing: the execution is unchanged and listed once
    assert athena.get_query_execution(QueryExecutionId=first)["QueryExecution"] == finished
    listed = athena.list_query_executions()["QueryExecutionIds"]
    assert listed.count(first) == 1

    failed_token = new_token()
    failed = run_query(athena, "SELECT 1 / 0", ClientRequestToken=failed_token)
    assert failed["Status"]["State"] == "FAILED"
    assert athena.start_query_execution(QueryString="SELECT 1 / 0", ClientRequestToken=failed_token)["QueryExecutionId"] \
        == failed["QueryExecutionId"]


def test_each_compared_member_that_differs_is_a_mismatch(athena):
    token = new_token()
    original = athena.start_query_execution(QueryString="SELECT 1", ClientRequestToken=token)["QueryExecutionId"]
    assert refusal(athena, QueryString="SELECT 2", ClientRequestToken=token) == MISMATCH
    assert refusal(athena, QueryString="SELECT 1 ", ClientRequestToken=token) == MISMATCH
    # omitted vs explicitly "default" differs, as measured on Athena
    assert refusal(athena, QueryString="SELECT 1", ClientRequestToken=token,
                   QueryExecutionContext={"Database": "default"}) == MISMATCH
    assert refusal(athena, QueryString="SELECT 1", ClientRequestToken=token,
                   QueryExecutionContext={"Catalog": "AwsDataCatalog"}) == MISMATCH
    assert refusal(athena, QueryString="SELECT 1", ClientRequestToken=token,
                   ResultConfiguration={"OutputLocation": RESULTS + "elsewhere/"}) == MISMATCH
    # none of the refusals changed what the token stands for
    assert athena.start_query_execution(QueryString="SELECT 1", ClientRequestToken=token)["QueryExecutionId"] == original


def test_catalog_is_compared_as_sent(athena):
    token = new_token()
    original = athena.start_query_execution(QueryString="SELECT 1", ClientRequestToken=token,
                                            QueryExecutionContext={"Catalog": "AwsDataCatalog", "Database": "default"})
    assert refusal(athena, QueryString="SELECT 1", ClientRequestToken=token,
                   QueryExecutionContext={"Catalog": "AWSDATACATALOG", "Database": "default"}) == MISMATCH
    replay = athena.start_query_execution(QueryString="SELECT 1", ClientRequestToken=token,
                                          QueryExecutionContext={"Catalog": "AwsDataCatalog", "Database": "default"})
    assert replay["QueryExecutionId"] == original["QueryExecutionId"]


def test_the_effective_output_location_is_compared_not_what_the_client_sent(athena):
    # the primary workgroup's location sent explicitly is the same effective location as none
    token = new_token()
    original = athena.start_query_execution(QueryString="SELECT 'loc'", ClientRequestToken=token)["QueryExecutionId"]
    assert athena.start_query_execution(QueryString="SELECT 'loc'", ClientRequestToken=token,
                                        ResultConfiguration={"OutputLocation": RESULTS})["QueryExecutionId"] == original

    # in a workgroup that enforces its location, any client location is the same effective location
    enforced = f"tok-enforced-{uuid.uuid4().hex[:8]}"
    athena.create_work_group(Name=enforced, Configuration={"EnforceWorkGroupConfiguration": True,
                                                           "ResultConfiguration": {"OutputLocation": f"s3://{enforced}/"}})
    token = new_token()
    original = athena.start_query_execution(QueryString="SELECT 'e'", ClientRequestToken=token, WorkGroup=enforced)["QueryExecutionId"]
    assert athena.start_query_execution(QueryString="SELECT 'e'", ClientRequestToken=token, WorkGroup=enforced,
                                        ResultConfiguration={"OutputLocation": f"s3://{enforced}/"})["QueryExecutionId"] == original
    assert athena.start_query_execution(QueryString="SELECT 'e'", ClientRequestToken=token, WorkGroup=enforced,
                                        ResultConfiguration={"OutputLocation": "s3://somewhere-else/"})["QueryExecutionId"] == original


def test_execution_parameters_and_workgroup_are_not_compared(athena):
    other = f"tok-other-{uuid.uuid4().hex[:8]}"
    athena.create_work_group(Name=other)
    token = new_token()
    location = {"OutputLocation": RESULTS + "token-scope/"}
    original = athena.start_query_execution(QueryString="SELECT ? AS v", ExecutionParameters=["1"],
                                            ClientRequestToken=token, ResultConfiguration=location)["QueryExecutionId"]
    assert athena.start_query_execution(QueryString="SELECT ? AS v", ExecutionParameters=["2"],
                                        ClientRequestToken=token, ResultConfiguration=location)["QueryExecutionId"] == original
    assert athena.start_query_execution(QueryString="SELECT ? AS v", ExecutionParameters=["1"], WorkGroup=other,
                                        ClientRequestToken=token, ResultConfiguration=location)["QueryExecutionId"] == original
    execution = wait_for_query(athena, original)
    assert execution["WorkGroup"] == "primary"
    assert execution["ExecutionParameters"] == ["1"]
    assert athena.list_query_executions(WorkGroup=other)["QueryExecutionIds"] == []


def test_a_rejected_request_does_not_consume_its_token(athena):
    token = new_token()
    code, athena_code, _ = refusal(athena, QueryString="SELEC 1", ClientRequestToken=token)
    assert (code, athena_code) == ("InvalidRequestException", "MALFORMED_QUERY")
    code, athena_code, message = refusal(athena, QueryString="SELECT 1", ClientRequestToken=token,
                                         ResultConfiguration={"OutputLocation": "not-an-s3-path"})
    assert (code, athena_code, message) == ("InvalidRequestException", "INVALID_INPUT", "outputLocation is not a valid S3 path.")
    code, athena_code, message = refusal(athena, QueryString="SELECT 1", ClientRequestToken=token,
                                         WorkGroup=f"missing-{uuid.uuid4().hex[:8]}")
    assert message == "WorkGroup is not found."

    accepted = run_query(athena, "SELECT 'after refusals' AS v", ClientRequestToken=token)
    assert accepted["Status"]["State"] == "SUCCEEDED"
    assert accepted["Query"] == "SELECT 'after refusals' AS v"


def test_two_simultaneous_requests_with_one_token_create_one_execution(server):
    clients = [server.athena_client(), server.athena_client()]
    for round_number in range(10):
        token = new_token()
        sql = f"SELECT {round_number} AS round_{token[:8]}"
        barrier = threading.Barrier(len(clients))
        answers = [None] * len(clients)

        def start(index):
            barrier.wait()
            answers[index] = clients[index].start_query_execution(QueryString=sql, ClientRequestToken=token)["QueryExecutionId"]

        threads = [threading.Thread(target=start, args=(i,)) for i in range(len(clients))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert answers[0] is not None and answers[0] == answers[1], answers
        assert wait_for_query(clients[0], answers[0])["Status"]["State"] == "SUCCEEDED"
        listed = clients[0].list_query_executions(MaxResults=50)["QueryExecutionIds"]
        matching = [query_id for query_id in listed
                    if clients[0].get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Query"] == sql]
        assert matching == [answers[0]]
