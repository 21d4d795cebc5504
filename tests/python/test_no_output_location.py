"""A server whose primary workgroup has no result location (`--primary-output-location ''`, contract 4.4 step 5, 4.9)."""

import pytest
from botocore.exceptions import ClientError

from athena_helpers import error_details, run_query

NO_OUTPUT_LOCATION = ("No output location provided. An output location is required either through the "
                      "Workgroup result configuration setting or as an API input.")


@pytest.fixture(scope="module")
def bare_server(start_pallas):
    return start_pallas("pallas-no-output", "--primary-output-location", "")


def test_query_without_any_output_location_is_refused(bare_server):
    athena = bare_server.athena_client()
    with pytest.raises(ClientError) as caught:
        athena.start_query_execution(QueryString="SELECT 1")
    code, _, message = error_details(caught.value)
    assert code == "InvalidRequestException"
    assert message == NO_OUTPUT_LOCATION


def test_output_location_from_the_request_is_used_when_the_workgroup_has_none(bare_server):
    athena = bare_server.athena_client()
    execution = run_query(athena, "SELECT 7 AS seven",
                          ResultConfiguration={"OutputLocation": "s3://my-results/some/prefix/"})
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    location = f"s3://my-results/some/prefix/{execution['QueryExecutionId']}.csv"
    assert execution["ResultConfiguration"]["OutputLocation"] == location
    assert bare_server.result_file(location).read_bytes() == b'"seven"\n"7"\n'
