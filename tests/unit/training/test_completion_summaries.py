"""Plans' progress and the annual report count completed turns from the COMPLETIONS summary
(TrainingStore; services/common/summaries.py): after a random sequence of enrollments, results, corrections
(a pass turned into a fail, and back), repeated commands and writers that die between their write and their
recount, the counts for every plan window equal a count of the raw enrollments."""
import random
from collections import Counter
from datetime import date

import pytest
from nameko.testing.services import worker_factory

from services.common.errors import DomainError
from services.training.service import TrainingService
from services.training.store import TrainingStore
from tests.unit.training.builders import course_payload, official_registered, result_payload, unit_created

TODAY = date(2025, 11, 15)       # as if: no result is recorded after it (the service refuses future dates)
WINDOWS = [(date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 1, 1), date(2025, 12, 31)),
           (date(2025, 1, 1), date(2025, 6, 30)), (date(2023, 1, 1), date(2025, 11, 15))]


class DyingStore(TrainingStore):
    """A store whose process stops right after each write, before recounting what it marked."""

    def recount_document(self, collection, doc_id):
        raise SystemExit


def raw_turns(db, first, last, location=None, kind=None):
    """{(year, unit, content area): completions} counted from the stored enrollments."""
    counted = Counter()
    for document in db.enrollments.find({"status": "COMPLETED"}):
        if first.isoformat() <= document["completed_on"] <= last.isoformat() and \
                location in (None, document["location"]) and kind in (None, document["course_kind"]):
            counted[(int(document["completed_on"][:4]), document["unit_id"], document["content_area"])] += 1
    return counted


@pytest.mark.parametrize("seed", range(3))
def test_completed_turns_equal_a_count_of_the_raw_enrollments_after_random_results_repeats_and_crashes(
        service, db, seed):
    rng = random.Random(seed)
    for unit in ("unit-1", "unit-2"):
        service.handle_unit_created(unit_created(unit, unit.upper()))
    officials = ["off-{}".format(i) for i in range(8)]
    for index, official in enumerate(officials):
        service.handle_official_registered(official_registered(official, unit_id="unit-{}".format(1 + index % 2)))
    courses = [service.create_course(course_payload(
        capacity=50, start_date="{}-02-01".format(year), end_date="{}-03-01".format(year),
        content_area=area, location=location, kind="FOSTERING"))
        for year in (2023, 2024, 2025) for area, location in (("STATE_MANAGEMENT", "DOMESTIC"),
                                                              ("DIGITAL_SKILLS", "OVERSEAS"))]
    enrollments, done = [], []
    for step in range(150):
        worker = worker_factory(TrainingService, store=(DyingStore if rng.random() < 0.1 else TrainingStore)(db))
        action = rng.random()
        course = rng.choice(courses)
        passed = rng.random() < 0.7
        on = min("{}-{:02d}-{:02d}".format(course["start_date"][:4], rng.randint(3, 12), rng.randint(1, 28)),
                 TODAY.isoformat())
        scores = [7, 8] if passed else [3, 8]
        if action < 0.35 or not enrollments:
            command = ("enroll", ({"course_id": course["id"], "official_id": rng.choice(officials)},))
        elif action < 0.45 and done:
            command = rng.choice(done)                               # again: a retry, a redelivery
        elif action < 0.8:
            command = ("record_result", (rng.choice(enrollments), result_payload(recorded_on=on, scores=scores)))
        else:
            command = ("correct_result", (rng.choice(enrollments), dict(result_payload(scores=scores),
                                                                       reason="Nhập sai điểm")))
        try:
            outcome = getattr(worker, command[0])(*command[1])
            done.append(command)
            if command[0] == "enroll":
                enrollments.append(outcome["id"])
        except (DomainError, SystemExit):
            pass                    # refused by a rule, or the writer died after its write
        if step % 15 == 14:
            store = TrainingStore(db)
            store.recount_marked(grace_seconds=-1)                    # the sweep
            for first, last in WINDOWS:
                for location, kind in ((None, None), ("DOMESTIC", None), ("OVERSEAS", "FOSTERING")):
                    assert store.completed_turns(first, last, location, kind, today=TODAY) == \
                        raw_turns(db, first, last, location, kind), (seed, step, first, last, location)
    assert db.enrollments.count_documents({"status": "COMPLETED"}) and \
        db.enrollments.count_documents({"status": "FAILED"})
