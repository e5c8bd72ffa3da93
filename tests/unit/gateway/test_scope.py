"""Unit scopes: a caller scoped to a unit covers that unit and every unit below it (one subtree RPC per
request); objects outside answer 404, writes naming them 403, and lists are filtered by their services."""
import pytest
from nameko.exceptions import RpcTimeout

from gateway.errors import HttpError
from gateway.http import ROUTES
from gateway.scope import PROVINCE_WIDE_LISTS, Scope
from gateway.service import GatewayService  # noqa: F401  (registers every route)
from services.common.errors import NotFound

TREE = {"province": None, "so-y-te": "province", "benh-vien": "so-y-te", "khoa": "benh-vien", "so-gd": "province"}
OFFICIALS = {"off-bv": "benh-vien", "off-gd": "so-gd"}
OFFICIAL_IN_PATH = {"path": {"official_id": "official"}}


class FakeBackends:
    def __init__(self):
        self.calls = []

    def call(self, service, method, key):
        self.calls.append(method)
        if method == "unit_subtree":
            return subtree(key)
        return {"unit_id": OFFICIALS[key]}


def subtree(unit):
    return [unit] + [below for child, parent in TREE.items() if parent == unit for below in subtree(child)]


def test_a_province_wide_principal_is_not_restricted():
    assert not Scope(FakeBackends(), {"unit_id": None}).restricted


def test_sub_units_at_any_depth_are_inside_and_siblings_and_parents_are_not():
    scope = Scope(FakeBackends(), {"unit_id": "so-y-te"})
    assert scope.contains("so-y-te") and scope.contains("benh-vien") and scope.contains("khoa")
    assert not scope.contains("so-gd") and not scope.contains("province") and not scope.contains(None)


def test_the_subtree_is_asked_for_once_per_request():
    backends = FakeBackends()
    scope = Scope(backends, {"unit_id": "so-y-te"})
    scope.contains("benh-vien")
    scope.contains("so-gd")
    assert scope.unit_ids() == ["so-y-te", "benh-vien", "khoa"]
    assert backends.calls == ["unit_subtree"]


def test_an_object_outside_the_scope_is_hidden_as_not_found():
    scope = Scope(FakeBackends(), {"unit_id": "so-y-te"})
    scope.check(OFFICIAL_IN_PATH, {"official_id": "off-bv"})
    with pytest.raises(HttpError) as error:
        scope.check(OFFICIAL_IN_PATH, {"official_id": "off-gd"})
    assert error.value.status == 404


def test_an_owner_that_cannot_be_looked_up_fails_the_request_instead_of_skipping_the_check():
    class DownBackends(FakeBackends):
        def call(self, service, method, key):
            if method == "get_official":
                raise RpcTimeout(2)
            return super().call(service, method, key)
    with pytest.raises(RpcTimeout):
        Scope(DownBackends(), {"unit_id": "so-y-te"}).check(OFFICIAL_IN_PATH, {"official_id": "off-gd"})


def test_an_unknown_object_is_left_to_the_route_to_answer_404():
    class EmptyBackends(FakeBackends):
        def call(self, service, method, key):
            if method == "get_official":
                raise NotFound("official {} not found".format(key))
            return super().call(service, method, key)
    Scope(EmptyBackends(), {"unit_id": "so-y-te"}).check(OFFICIAL_IN_PATH, {"official_id": "off-nobody"})


def test_a_write_naming_a_unit_outside_the_scope_is_forbidden():
    scope = Scope(FakeBackends(), {"unit_id": "so-y-te"})
    with pytest.raises(HttpError) as error:
        scope.check({"body": {"unit_id": "unit"}}, {}, body={"unit_id": "so-gd"})
    assert error.value.status == 403 and "unit_id" in error.value.fields


def test_every_list_route_is_filtered_by_unit_or_by_its_path_owner_or_declared_province_wide():
    unfiltered = [spec.path for spec in ROUTES if spec.many and not spec.unit_scoped
                  and not spec.references.get("path")
                  and spec.path not in PROVINCE_WIDE_LISTS]
    assert unfiltered == []


def test_unit_scoped_routes_validate_their_query_so_clients_cannot_send_unit_ids():
    scoped = [spec for spec in ROUTES if spec.unit_scoped]
    assert len(scoped) >= 17
    assert all(spec.query is not None and "unit_ids" not in spec.query().fields for spec in scoped)
