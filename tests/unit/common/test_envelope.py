"""The CloudEvents envelope (services/common/envelope.py): what producers build, what consumers accept."""
import pytest
from marshmallow import Schema, fields

from services.common.envelope import InvalidEnvelope, new_event, sequence_of, validate_envelope


class Payload(Schema):
    official_id = fields.String(required=True)


def test_a_new_event_is_a_valid_cloudevent_with_a_versioned_type():
    envelope = new_event("training", "training_completed", {"official_id": "off-1"}, "enr-1",
                         correlation_id="req-7", data_schema=Payload)
    assert validate_envelope(envelope) is envelope
    assert envelope["type"] == "vn.camau.civilservice.training.completed.v1"
    assert envelope["source"] == "/camau/civilservice/training" and envelope["correlationid"] == "req-7"


def test_without_a_correlation_id_the_event_starts_its_own_chain():
    envelope = new_event("training", "training_completed", {}, "enr-1")
    assert envelope["correlationid"] == envelope["id"]


@pytest.mark.parametrize("arguments, field", [
    (("training", "training_completed", {}, "x" * 201), "subject"),
    (("training", "training_completed", {}, ""), "subject"),
    (("Training", "Completed", {}, "enr-1"), "type"),
    (("training", "training_completed", {}, "enr-1", "c" * 129), "correlationid"),
])
def test_a_new_event_with_a_bad_subject_type_or_correlation_id_is_refused(arguments, field):
    with pytest.raises(InvalidEnvelope) as refused:
        new_event(*arguments)
    assert field in refused.value.messages


def test_a_payload_that_breaks_its_catalogued_schema_is_refused_before_it_is_stored():
    with pytest.raises(InvalidEnvelope) as refused:
        new_event("training", "training_completed", {"official": "off-1"}, "enr-1", data_schema=Payload)
    assert "official_id" in refused.value.messages["data"]


@pytest.mark.parametrize("change", [
    {"specversion": "0.3"}, {"source": "/elsewhere"}, {"time": "yesterday at noon"}, {"data": "text"},
    {"datacontenttype": "text/plain"}, {"id": ""},
])
def test_a_consumer_refuses_an_envelope_that_is_not_our_cloudevent(change):
    envelope = dict(new_event("training", "training_completed", {}, "enr-1"), **change)
    with pytest.raises(InvalidEnvelope):
        validate_envelope(envelope)


def test_sequence_is_optional_and_when_given_must_sort_as_its_numbers():
    assert "sequence" not in new_event("training", "training_completed", {}, "enr-1")
    assert new_event("training", "training_completed", {}, "enr-1", sequence=sequence_of(3))["sequence"] == \
        "000000000003.0001"
    for wrong in ("3", "3.1", "000000000003"):
        with pytest.raises(InvalidEnvelope) as refused:
            new_event("training", "training_completed", {}, "enr-1", sequence=wrong)
        assert "sequence" in refused.value.messages
        with pytest.raises(InvalidEnvelope):
            validate_envelope(dict(new_event("training", "training_completed", {}, "enr-1"), sequence=wrong))
    with pytest.raises(ValueError):
        sequence_of(10 ** 12)        # wider than its digits: it would no longer sort as a number
    with pytest.raises(ValueError):
        sequence_of(1, 10 ** 4)
