"""Unit scopes walk up the organisation tree: a unit is inside a scope when the scope is an ancestor."""
import pytest

from gateway.errors import HttpError
from gateway.scope import Scope

TREE = {"province": None, "so-y-te": "province", "benh-vien": "so-y-te", "so-gd": "province"}
OFFICIALS = {"off-bv": "benh-vien", "off-gd": "so-gd"}


class FakeBackends:
    def __init__(self):
        self.calls = 0

    def call(self, service, method, key):
        self.calls += 1
        if method == "get_unit":
            return {"id": key, "parent_id": TREE[key]}
        return {"unit_id": OFFICIALS[key]}


def test_a_province_wide_principal_is_not_restricted():
    assert not Scope(FakeBackends(), {"unit_id": None}).restricted


def test_sub_units_are_inside_and_siblings_are_not():
    scope = Scope(FakeBackends(), {"unit_id": "so-y-te"})
    assert scope.contains("so-y-te") and scope.contains("benh-vien")
    assert not scope.contains("so-gd") and not scope.contains("province")


def test_the_walk_up_is_remembered_within_a_request():
    backends = FakeBackends()
    scope = Scope(backends, {"unit_id": "so-y-te"})
    scope.contains("benh-vien")
    calls = backends.calls
    scope.contains("benh-vien")
    assert backends.calls == calls


def test_an_object_outside_the_scope_is_hidden_as_not_found():
    scope = Scope(FakeBackends(), {"unit_id": "so-y-te"})
    scope.check_path({"official_id": "off-bv"})
    with pytest.raises(HttpError) as error:
        scope.check_path({"official_id": "off-gd"})
    assert error.value.status == 404


def test_a_write_naming_a_unit_outside_the_scope_is_forbidden():
    scope = Scope(FakeBackends(), {"unit_id": "so-y-te"})
    with pytest.raises(HttpError) as error:
        scope.check_payload({"unit_id": "so-gd"})
    assert error.value.status == 403 and "unit_id" in error.value.fields


def test_lists_keep_only_items_inside_the_scope():
    scope = Scope(FakeBackends(), {"unit_id": "so-y-te"})
    narrowed = scope.narrow({"items": [{"unit_id": "benh-vien"}, {"unit_id": "so-gd"}, {"title": "course"}],
                             "total": 3})
    assert narrowed == {"items": [{"unit_id": "benh-vien"}, {"title": "course"}], "total": 2}
