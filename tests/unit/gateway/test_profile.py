"""The profile asks each service once for its sections and marks what a failing service leaves out."""
import pytest
from nameko.exceptions import RpcTimeout

from gateway.http import ROUTES
from gateway.profile import SECTIONS, build_profile, section_roles
from gateway.service import GatewayService  # noqa: F401  (registers every route)
from services.common.errors import Invalid, NotFound
from services.common.profile_sections import ProfileSectionsEntrypoint


class RecordingBackends:
    def __init__(self, down=(), failure=RpcTimeout(2)):
        self.down, self.failure, self.calls = down, failure, {}

    def gather(self, calls):
        self.calls = calls
        results = {service: {name: "{} of {}".format(name, args[0]) for name in args[1]}
                   for service, (_, method, args) in calls.items() if service not in self.down}
        return results, {service: self.failure for service in calls if service in self.down}


def test_each_service_is_asked_once_for_all_its_sections():
    backends = RecordingBackends()
    profile = build_profile(backends, "off-1", roles=("admin",))
    assert {service: args[1] for service, (_, _, args) in backends.calls.items()} == {
        "personnel": ["official", "reviews", "rewards", "evaluations", "disciplines"],
        "training": ["training", "training_needs"], "inspection": ["inspection_findings"], "feedback": ["feedback"]}
    assert profile["training_needs"] == "training_needs of off-1" and profile["partial"] is False


def test_a_viewer_is_not_even_sent_evaluations_or_disciplines_rule_11():
    backends = RecordingBackends()
    profile = build_profile(backends, "off-1", roles=("viewer",))
    assert "evaluations" not in backends.calls["personnel"][2][1] and "evaluations" not in profile
    assert "disciplines" not in profile


def test_a_viewer_gets_no_review_reasons_findings_or_feedback_since_their_list_routes_refuse_viewers():
    backends = RecordingBackends()
    profile = build_profile(backends, "off-1", roles=("viewer",))
    assert not {"reviews", "inspection_findings", "feedback", "evaluations", "disciplines"} & set(profile)
    assert {"official", "training", "training_needs", "rewards"} <= set(profile)
    assert "inspection" not in backends.calls and "feedback" not in backends.calls   # not even asked


def test_each_section_follows_the_roles_of_the_get_route_answering_the_same_data():
    routes = {spec.path: spec for spec in ROUTES if spec.method == "GET"}
    for name, (_, path) in SECTIONS.items():
        assert path in routes, "section {} names no GET route".format(name)
        assert section_roles(name) == routes[path].roles


def test_every_section_of_a_failed_service_is_listed_unavailable_and_the_profile_partial():
    profile = build_profile(RecordingBackends(down=("training",)), "off-1")
    assert profile["training"] is None and profile["training_needs"] is None and profile["partial"] is True
    assert [(u["section"], u["reason"]) for u in profile["unavailable"]] == [
        ("training", "did not answer in time"), ("training_needs", "did not answer in time")]


def test_without_personnel_there_is_no_profile():
    with pytest.raises(NotFound):
        build_profile(RecordingBackends(down=("personnel",), failure=NotFound("official off-1 not found")), "off-1")


class Sections(ProfileSectionsEntrypoint):
    def profile_readers(self, official_id):
        return {"a": lambda: official_id + "-a", "b": lambda: official_id + "-b"}


def test_a_service_answers_the_sections_asked_and_refuses_unknown_ones():
    assert Sections().profile_sections("x", ["b"]) == {"b": "x-b"}
    assert Sections().profile_sections("x") == {"a": "x-a", "b": "x-b"}
    with pytest.raises(Invalid):
        Sections().profile_sections("x", ["a", "nope"])
