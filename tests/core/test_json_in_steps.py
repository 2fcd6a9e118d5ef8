"""The feed parser without orjson: json.loads' answers and errors, in steps."""

from __future__ import annotations

import json
import math

import pytest

from kmzb_qgis_plugin.core.api_client import loads_in_steps

GOOD = [
    b"{}",
    b' { "a" : [ 1 , [2,3] , {"x":[]} ] , "b":[] ,"c":null} ',
    b'{"type":"ReportRows","columns":["id","lon"],"rows":[[1,21.0],[2,19.5]],"deleted":[7]}',
    b"[1, 2]",  # not an object: json.loads itself
    b'{"a":"\xc5\x82\\u0105","a":2}',  # the last of a repeated key wins
    b'\xef\xbb\xbf{"a":[1]}',  # a UTF-8 byte order mark
    b'{"a":[1e400, -0.0, 12345678901234567890123]}',
]
BAD = [b'{"a":[1,]}', b'{"a":1}x', b'{"a":1,}', b"{,}", b'{"a":[1] "b":2}', b'{"a":[1,2]', b""]


@pytest.mark.parametrize("body", GOOD)
def test_same_answer_as_json_loads(body):
    assert loads_in_steps(body) == json.loads(body)


def test_nan_as_json_loads():
    assert math.isnan(loads_in_steps(b'{"rows":[[NaN]]}')["rows"][0][0])


@pytest.mark.parametrize("body", BAD)
def test_same_error_as_json_loads(body):
    with pytest.raises(ValueError) as ours:
        loads_in_steps(body)
    with pytest.raises(ValueError) as theirs:
        json.loads(body)
    assert str(ours.value) == str(theirs.value)


def test_a_big_page_round_trips():
    page = {
        "type": "ReportRows",
        "columns": ["id", "lon", "lat", "description"],
        "rows": [[i, 14.0 + i / 1e5, 49.0, f'opis {i} ],[ " ąę'] for i in range(20_000)],
        "deleted": list(range(50)),
        "last_revision": 99,
        "next_since": None,
    }
    assert loads_in_steps(json.dumps(page).encode()) == page
    assert loads_in_steps(json.dumps(page, indent=1).encode()) == page
