"""The two tables every route is checked against, read without a broker: the ownership of ids
(gateway.ownership) and the personal data of answers (gateway.personal_data)."""
from marshmallow import fields

from gateway import ownership
from gateway.http import ROUTES
from gateway.personal_data import carries_personal_data, schema_is_personal
from gateway.scope import Scope
from gateway.service import GatewayService  # noqa: F401  (registers every route)
from services.common.schemas import CommandSchema, EventDataSchema
from services.feedback.service import FeedbackService
from services.inspection.service import InspectionService
from services.personnel.service import PersonnelService
from services.training.service import TrainingService

SERVICES = {"personnel": PersonnelService, "training": TrainingService, "inspection": InspectionService,
            "feedback": FeedbackService}
# Authenticated reads without a response schema: aggregates of counts, no person in them.
SCHEMALESS_READS = {"/api/v1/reports/annual", "/api/v1/units/{unit_id}/scorecard",
                    "/api/v1/officials/{official_id}/profile"}


def test_every_id_a_route_carries_in_its_path_body_query_or_csv_is_classified_by_the_ownership_table():
    unclassified = [(spec.method, spec.path, name) for spec in ROUTES
                    for name in ownership.unclassified(spec.path, spec.body, spec.query, spec.raw_body)]
    assert unclassified == []


def test_a_route_gaining_an_unknown_id_field_nested_or_not_is_reported_as_unclassified():
    class Widget(CommandSchema):
        gadget_ids = fields.List(fields.String())

    class NewCommand(CommandSchema):
        unit_id = fields.String()
        widgets = fields.List(fields.Nested(Widget))
        widget_id = fields.String()

    found = ownership.unclassified("/api/v1/things/{thing_id}", NewCommand, None,
                                   {"columns": ("full_name", "sprocket_id")})
    assert found == ["thing_id", "widgets[].gadget_ids", "widget_id", "sprocket_id"]


def test_every_kind_of_object_has_an_owner_rpc_its_service_really_offers():
    for kind, owner in ownership.KINDS.items():
        if owner.service is not None:
            assert callable(getattr(SERVICES[owner.service], owner.method, None)), (kind, owner)
            assert owner.via is None or owner.via in ownership.KINDS
    assert set(ownership.REFERENCES.values()) <= set(ownership.KINDS)


def test_the_owner_of_an_id_is_asked_once_per_request_however_often_it_is_named():
    class Backends:
        def __init__(self):
            self.calls = []

        def call(self, service, method, key):
            self.calls.append((method, key))
            return ["unit-a"] if method == "unit_subtree" else {"unit_id": "unit-a"}

    backends = Backends()
    references = {"path": {"official_id": "official"},
                  "body": {"head_official_id": "official", "responsible_official_ids": "official"}}
    Scope(backends, {"unit_id": "unit-a"}).check(
        references, {"official_id": "off-1"},
        body={"head_official_id": "off-1", "responsible_official_ids": ["off-1", "off-2", "off-1"]})
    assert sorted(backends.calls) == [("get_official", "off-1"), ("get_official", "off-2"),
                                      ("unit_subtree", "unit-a")]


def test_every_authenticated_read_whose_answer_names_a_person_is_marked_for_the_audit_trail():
    unmarked = [spec.path for spec in ROUTES if spec.method == "GET" and spec.roles is not None
                and spec.response is not None and schema_is_personal(spec.response) and not spec.personal_data]
    assert unmarked == []
    schemaless = {spec.path for spec in ROUTES if spec.method == "GET" and spec.roles is not None
                  and spec.response is None}
    assert schemaless == SCHEMALESS_READS, "give the new read a response schema so its personal data is known"


def test_a_schema_is_personal_through_a_nested_field_and_a_plain_one_is_not():
    class Person(EventDataSchema):
        full_name = fields.String()

    class Team(EventDataSchema):
        members = fields.List(fields.Nested(Person))

    class Count(EventDataSchema):
        total = fields.Integer()

    assert schema_is_personal(Team) and not schema_is_personal(Count)


def test_the_reads_the_old_path_list_missed_are_now_audited():
    marked = {spec.path for spec in ROUTES if spec.method == "GET" and carries_personal_data(spec)}
    assert {"/api/v1/training/enrollments", "/api/v1/training/commitments", "/api/v1/inspection/findings",
            "/api/v1/inspections/{inspection_id}", "/api/v1/training/needs", "/api/v1/training/needs/{need_id}",
            "/api/v1/dialogues", "/api/v1/dialogues/{dialogue_id}", "/api/v1/units/{unit_id}/evaluations",
            "/api/v1/officials/{official_id}/profile"} <= marked
    assert "/api/v1/training/courses" not in marked and "/api/v1/units" not in marked
