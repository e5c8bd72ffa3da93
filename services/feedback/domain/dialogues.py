"""Dialogues (đối thoại) between the authorities and citizens or businesses.

A dialogue is recorded once held: unit, date, chair, participant count, and the feedback items raised
there (recorded beforehand, usually with channel DOI_THOAI, or existing items brought up again).
Recording it announces `dialogue_held`, which the province counts among its indicators (docs/domain.md).
"""
from dataclasses import dataclass, field
from datetime import date

from services.common.dates import future_date_problem
from services.common.errors import Invalid
from services.feedback.domain import intake
from services.feedback.domain.events import DialogueHeld


@dataclass(frozen=True)
class Dialogue:
    id: str
    unit_id: str
    held_on: date
    chair: str
    participant_count: int
    title: str
    unit_name: str | None = None
    location: str | None = None
    feedback_ids: list[str] = field(default_factory=list)
    recorded_by: str | None = None


def hold(dialogue, unit, unknown_feedback_ids, today):
    """Validate against the unit projection and the feedback on record; announce the dialogue."""
    errors = intake.check_unit(unit, dialogue.unit_id, dialogue.held_on, field="unit_id")
    if future_date_problem(dialogue.held_on, today):
        errors["held_on"] = ["a dialogue is recorded once held: " + future_date_problem(dialogue.held_on, today)]
    if len(set(dialogue.feedback_ids)) != len(dialogue.feedback_ids):
        errors["feedback_ids"] = ["each feedback item is listed once"]
    elif unknown_feedback_ids:
        errors["feedback_ids"] = ["feedback not found: {}".format(", ".join(sorted(unknown_feedback_ids)))]
    if errors:
        raise Invalid("the dialogue cannot be recorded", fields=errors)
    held = Dialogue(**{**dialogue.__dict__, "unit_name": unit.name})
    return held, [DialogueHeld(
        subject=held.id, dialogue_id=held.id, unit_id=held.unit_id, held_on=held.held_on, chair=held.chair,
        participant_count=held.participant_count, feedback_ids=list(held.feedback_ids))]
