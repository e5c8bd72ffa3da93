"""Hostile JSON bodies are a 400 naming what is wrong, never a 500 (a body of 100,000 brackets was one)."""
import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from gateway.errors import HttpError
from gateway.http import MAX_BODY_DEPTH, _read_body


def _request(text):
    return Request(EnvironBuilder(method="POST", data=text.encode("utf-8"),
                                  content_type="application/json").get_environ())


@pytest.mark.parametrize("text,message", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"code": ' + "[" * (MAX_BODY_DEPTH + 1) + "]" * (MAX_BODY_DEPTH + 1) + "}", "deeper than 32 levels"),
    ("{" + '"a": {' * 40 + "}" * 41, "deeper than 32 levels"),
])
def test_a_body_nested_beyond_any_of_the_apis_is_refused_as_malformed(text, message):
    with pytest.raises(HttpError) as refused:
        _read_body(_request(text), limit=10_000_000)
    assert (refused.value.status, refused.value.code) == (400, "MALFORMED_JSON")
    assert message in refused.value.message


def test_a_body_at_the_depth_limit_is_read():
    nested = "[" * (MAX_BODY_DEPTH - 1) + "]" * (MAX_BODY_DEPTH - 1)
    assert _read_body(_request('{"a": ' + nested + "}"), limit=10_000) is not None
