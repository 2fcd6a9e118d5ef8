"""Core tests need no QgsApplication; they share the store's own /meta document."""

from __future__ import annotations

import pytest


def meta_document() -> dict:
    """/meta exactly as the store builds it, from its own catalogue and default settings."""
    from kmzb_store import common

    class NoSettings:  # the store's defaults, without a database
        def all(self, *args):
            return []

    return common.meta(NoSettings())


@pytest.fixture
def meta_doc() -> dict:
    return meta_document()
