"""The store's layering (issue #17): the operations raise domain errors and know no HTTP;
api/errors.py alone gives each kind its status; /meta's catalogue fields are defined once."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

from kmzb_store import catalogue, common, errors
from kmzb_store.api import errors as api_errors
from kmzb_store.api import schemas

SERVICE_MODULES = (
    "common",
    "intake",
    "reports",
    "verifications",
    "operations",
    "police_reports",
    "auth",
    "attachments",
    "districts",
)
HTTP_PACKAGES = ("fastapi", "starlette", "pydantic", "kmzb_store.api")


def _kinds() -> list[type[errors.StoreError]]:
    return [
        obj
        for obj in vars(errors).values()
        if inspect.isclass(obj) and issubclass(obj, errors.StoreError)
        if obj is not errors.StoreError
    ]


def test_every_domain_error_kind_has_its_own_status():
    kinds = _kinds()
    assert len(kinds) >= 10
    assert set(kinds) == set(api_errors.STATUS), "a kind without a status (or a stale one)"
    statuses = [status for status, _ in api_errors.STATUS.values()]
    assert len(set(statuses)) == len(statuses)
    assert all(400 <= s < 600 for s in statuses)


@pytest.mark.parametrize("name", SERVICE_MODULES)
def test_the_operations_import_nothing_of_http(name):
    module = importlib.import_module(f"kmzb_store.{name}")
    tree = ast.parse(inspect.getsource(module))
    imported = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            imported.append(("." * node.level) + (node.module or ""))
    bad = [m for m in imported if m.startswith(HTTP_PACKAGES) or m.startswith(".api")]
    assert not bad, f"{name} imports {bad}"


def test_a_domain_error_becomes_its_status_headers_and_body():
    r = api_errors.error_response(errors.RateLimited("Slow down.", retry_after=7))
    assert r.status_code == 429 and r.headers["Retry-After"] == "7"
    assert r.body == b'{"error":{"code":"rate_limited","message":"Slow down."}}'
    r = api_errors.error_response(errors.Unauthenticated())
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"
    r = api_errors.error_response(errors.StaleRevision({"id": 3}))
    assert r.status_code == 412 and b'"current":{"id":3}' in r.body


@pytest.mark.parametrize(
    ("entries", "model"),
    [
        (catalogue.STATUSES, schemas.StatusOut),
        (catalogue.CATEGORIES, schemas.CategoryOut),
        (catalogue.SOURCES, schemas.SourceOut),
    ],
)
def test_meta_entries_and_their_schema_take_the_catalogue_fields(entries, model):
    served = [f.name for f in catalogue.served_fields(type(entries[0]))]
    assert list(model.model_fields) == served
    for entry in entries:
        assert model.model_validate(catalogue.served(entry)).model_dump() == catalogue.served(entry)

    class NoSettings:
        def all(self, *args):
            return []

    key = {schemas.StatusOut: "statuses", schemas.CategoryOut: "categories"}.get(model, "sources")
    assert [list(e) for e in common.meta(NoSettings())[key]] == [served] * len(entries)
    assert "weight" not in served and "confirm_rate" not in served
