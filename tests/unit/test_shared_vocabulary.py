"""Contract: every code one service can put in an event is understood by each service that consumes it.

Services own their vocabulary (a domain imports nothing from another service), so the codes that cross
the bus are written in each of them. If they drift, the consumer dead-letters the producer's events or
misjudges them; these tests fail first.
"""
from datetime import date

import pytest

from services.personnel.domain import enums as personnel_enums
from services.personnel.domain.standards import LEVEL_ORDER as PERSONNEL_LEVEL_ORDER, is_known_level
from services.training.domain import enums as training_enums
from services.training.domain import needs as training_needs

TRAINING_GRANTS = [(kind, level.value) for kind, levels in training_enums.CREDENTIAL_LEVELS.items()
                   for level in levels]


@pytest.mark.parametrize("kind,level", TRAINING_GRANTS, ids=["{}:{}".format(k, v) for k, v in TRAINING_GRANTS])
def test_every_credential_training_can_grant_is_a_qualification_level_personnel_knows(kind, level):
    """training_completed.credential -> personnel adds the qualification (docs/architecture.md, flow 1)."""
    assert personnel_enums.QualificationKind(kind.value)
    assert is_known_level(kind.value, level)


def test_training_and_personnel_order_the_levels_of_every_shared_kind_the_same_way():
    """A higher level satisfies a lower requirement in both: the needs training closes are the gaps
    personnel sees closed (flows 1 and 5)."""
    for kind, ranks in training_enums.LEVEL_RANK.items():
        assert ranks == PERSONNEL_LEVEL_ORDER[personnel_enums.QualificationKind(kind.value)], kind
    assert set(training_enums.LEVEL_RANK) == set(training_enums.CREDENTIAL_LEVELS)


def test_every_content_area_a_review_can_order_is_a_training_content_area():
    """review_decided.content_area -> training's retraining need (flow 4)."""
    assert {area.value for area in personnel_enums.ContentArea} <= {area.value for area in training_enums.ContentArea}


# Skills assessed "as the job position requires" (docs/domain.md): no course grants them, so training
# leaves their gaps to the unit. A new kind personnel tracks must be placed here or in training's tables.
SKILLS_NO_COURSE_GRANTS = {"IT_SKILL", "FOREIGN_LANGUAGE"}


@pytest.mark.parametrize("kind", list(personnel_enums.QualificationKind))
def test_a_standards_gap_of_every_kind_personnel_tracks_becomes_a_need_or_is_knowingly_left_out(kind):
    """standards_status_changed.missing -> training_need_created (flow 5); never a dead-lettered event."""
    level = list(PERSONNEL_LEVEL_ORDER[kind])[-1]
    gap = {"kind": kind.value, "required_level": level, "held_level": None}
    data = {"official_id": "off-1", "unit_id": "unit-1", "position_id": "pos-1", "met": False,
            "as_of": date(2026, 1, 5), "missing": [gap]}
    to_open, to_close = training_needs.needs_from_gaps(data, "evt-1", [])
    assert not to_close
    assert len(to_open) == (0 if kind.value in SKILLS_NO_COURSE_GRANTS else 1)


def test_the_ratings_training_reads_from_personnel_are_personnel_codes():
    """evaluation_recorded.rating -> the postgraduate gate of rule 8 (docs/domain.md)."""
    assert set(training_enums.GOOD_OR_BETTER) <= {rating.value for rating in personnel_enums.Rating}
