"""Property-based run of the whole OpenAPI description (schemathesis 3.39) against a live
store of its own: no 5xx, status codes, content types and bodies as documented, and auth
enforced where the schema says so."""

from __future__ import annotations

import pytest
import schemathesis
from conftest import make_store
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    ignored_auth,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

# FastAPI describes the API as OpenAPI 3.1, which schemathesis 3.x supports as "experimental"
schemathesis.experimental.OPEN_API_3_1.enable()

CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    server, st = make_store(tmp_path_factory, "fuzz")
    try:
        yield st
    finally:
        server.close()


@pytest.fixture(scope="module")
def api_schema(fuzz_store):
    return schemathesis.from_uri(fuzz_store.api + "/openapi.json", base_url=fuzz_store.server.url)


schema = schemathesis.from_pytest_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_openapi(case, fuzz_store):
    headers = {"Authorization": f"Bearer {fuzz_store.tokens['admin']}"}
    case.call_and_validate(headers=headers, checks=CHECKS, timeout=30)


def test_server_survived_the_fuzzing(fuzz_store):
    assert fuzz_store.get("/meta", None).status_code == 200
    log = fuzz_store.server.log_text()
    assert "Traceback" not in log and "internal_error" not in log
    assert " 500 " not in log
