"""Agencies, grants and data classes (services/subscriptions/domain; docs/agencies.md)."""
from datetime import datetime, timedelta, timezone

import pytest

from services.common.catalog import published_events
from services.common.domain_event import cloudevent_type
from services.common.errors import Conflict, Forbidden, Invalid, RuleViolation
from services.subscriptions.domain import agencies, dispatch
from services.subscriptions.domain.data_classes import BY_TYPE, CLASSES, DataClass

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
UNIT_CREATED = cloudevent_type("personnel", "unit_created")
DISCIPLINE = cloudevent_type("personnel", "discipline_imposed")
EVALUATION = cloudevent_type("personnel", "evaluation_recorded")


def an_agency(grants=({"event_type": UNIT_CREATED},)):
    return agencies.register("sotuphap", "Sở Tư pháp", "stp@camau.gov.vn", list(grants), "admin",
                             "agency-sotuphap", NOW)


def test_every_catalogued_event_type_has_a_data_class_and_nothing_else_has_one():
    catalogued = {(service, key) for service, events in published_events().items() for key in events}
    assert set(CLASSES) == catalogued


def test_disciplines_reviews_and_findings_are_restricted_and_units_public():
    assert CLASSES[("personnel", "discipline_imposed")] is DataClass.RESTRICTED
    assert CLASSES[("personnel", "review_opened")] is DataClass.RESTRICTED
    assert CLASSES[("inspection", "finding_recorded")] is DataClass.RESTRICTED
    assert CLASSES[("personnel", "official_registered")] is DataClass.PERSONAL
    assert CLASSES[("personnel", "unit_created")] is DataClass.PUBLIC


def test_a_public_type_is_granted_without_a_legal_basis():
    agency = an_agency()
    assert agency.granted_types == {UNIT_CREATED} and agency.grants[0].data_class is DataClass.PUBLIC
    assert agency.queue == "agency.sotuphap"


def test_a_personal_or_restricted_type_without_a_legal_basis_is_refused_under_the_personal_data_law():
    for event_type in (DISCIPLINE, EVALUATION):
        with pytest.raises(RuleViolation) as refused:
            an_agency([{"event_type": event_type, "legal_basis": "  "}])
        assert refused.value.rule == agencies.RULE_PERSONAL_DATA_GRANT and "91/2025" in refused.value.legal_basis
        assert event_type in refused.value.fields["grants"]


def test_an_unknown_event_type_is_refused_by_its_position():
    with pytest.raises(Invalid) as refused:
        an_agency([{"event_type": UNIT_CREATED}, {"event_type": "vn.camau.civilservice.personnel.nothing.v1"}])
    assert list(refused.value.fields["grants"]) == [1]


def test_an_agency_name_must_be_a_plain_lowercase_word():
    for name in ("sotuphap", "so-tu-phap", "bhxh_camau"):
        assert agencies.check_name(name) == name
    for name in ("", "x", "Sotuphap", "a.b", "x" * 41, ".*", "agency name"):
        with pytest.raises(Invalid):
            agencies.check_name(name)


def test_changing_grants_keeps_an_unchanged_grant_as_it_was_granted():
    agency = an_agency()
    later = NOW + timedelta(days=3)
    changed = agencies.change_grants(agency, [{"event_type": UNIT_CREATED},
                                              {"event_type": DISCIPLINE, "legal_basis": "Decision 5/QĐ-UBND"}],
                                     "admin2", later)
    kept = {grant.event_type: grant for grant in changed.grants}
    assert kept[UNIT_CREATED].granted_at == NOW and kept[DISCIPLINE].granted_at == later
    assert dispatch.routes(changed) == {("personnel", "unit_created"), ("personnel", "discipline_imposed")}


def test_a_revoked_agency_keeps_no_grant_and_cannot_be_changed():
    revoked = agencies.revoke(an_agency(), NOW)
    assert revoked.grants == () and revoked.status is agencies.AgencyStatus.REVOKED
    with pytest.raises(Conflict):
        agencies.change_grants(revoked, [], "admin", NOW)


def test_a_lagging_agency_is_told_at_most_once_per_interval_with_everything_dropped_since():
    interval = timedelta(hours=1)
    agency, events = agencies.record_dropped(an_agency(), 40, "evt-1", NOW, interval)
    assert [event.dropped for event in events] == [40] and agency.notices[-1].kind == "SUBSCRIBER_LAGGING"
    agency, events = agencies.record_dropped(agency, 10, "evt-2", NOW + timedelta(minutes=5), interval)
    assert events == [] and agency.lag.dropped == 50
    agency, events = agencies.record_dropped(agency, 5, "evt-3", NOW + timedelta(hours=2), interval)
    assert [event.dropped for event in events] == [55]


def test_an_agency_reads_only_its_granted_types_and_asking_for_another_is_forbidden():
    agency = an_agency()
    assert dispatch.readable_types(agency, None) == {UNIT_CREATED}
    assert dispatch.readable_types(None, None) is None          # the province's administrators: everything
    with pytest.raises(Forbidden):
        dispatch.readable_types(agency, [DISCIPLINE])


def test_notices_are_addressed_to_the_agency_they_concern():
    envelope = {"data": {"agency": "sotuphap"}}
    assert dispatch.addressee("subscriptions", "subscriber_lagging", envelope) == "sotuphap"
    assert dispatch.addressee("personnel", "unit_created", envelope) is None


def test_every_type_maps_back_to_its_exchange_and_routing_key():
    for (service, key), data_class in CLASSES.items():
        assert BY_TYPE[cloudevent_type(service, key)] == (service, key, data_class)


def test_notices_addressed_to_agencies_are_never_bound_to_a_queue_even_when_granted():
    lagging = cloudevent_type("subscriptions", "subscriber_lagging")
    agency = an_agency([{"event_type": UNIT_CREATED}, {"event_type": lagging}])
    assert dispatch.routes(agency) == {("personnel", "unit_created")}
