"""The annual report's ratings and disciplines by form come from summaries (PersonnelStore.RATINGS,
DISCIPLINE_FORMS; services/common/summaries.py): after a random sequence of evaluations recorded and
recorded again with another rating, disciplines, transfers, repeated commands and writers that die between
their write and their recount, the report for every year and unit equals a count of the raw documents."""
import random
from collections import Counter
from datetime import date

import pytest
from nameko.testing.services import worker_factory

from services.common.errors import DomainError
from services.personnel.service import PersonnelService
from services.personnel.store import PersonnelStore
from tests.unit.personnel.conftest import official_payload

YEARS = [2023, 2024, 2025]
RATINGS = ["EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED"]
SEVERITY = {"KHIEN_TRACH": "LESS_SERIOUS", "CANH_CAO": "SERIOUS"}
DECISION = {"number": "QĐ 7/QĐ-SNV", "signer": "Giám đốc Sở Nội vụ", "signed_on": "2024-01-01",
            "legal_basis": "Luật Cán bộ, công chức 2019"}


class DyingStore(PersonnelStore):
    """A store whose process stops right after each write, before recounting what it marked."""

    def recount_document(self, collection, doc_id):
        raise SystemExit


def raw_figures(db, year, units):
    """The year's ratings and disciplines by form of `units` (None: everywhere), from the stored documents."""
    def within(document):
        return units is None or document["unit_id"] in units
    ratings = Counter(d["rating"] for d in db.evaluations.find({"year": year}) if within(d) and d["rating"])
    forms = Counter(d["form"] for d in db.disciplines.find({}) if within(d) and d["decided_on"][:4] == str(year))
    return dict(sorted(ratings.items())), dict(sorted(forms.items()))


@pytest.mark.parametrize("seed", range(3))
def test_report_counts_equal_a_count_of_the_raw_documents_after_random_records_repeats_and_crashes(
        service, db, seed):
    rng = random.Random(seed)
    root = service.create_unit({"code": "UB", "name": "UBND", "unit_type": "UBND", "level": "PROVINCE",
                                "valid_from": "2017-01-01"})
    units = [root] + [service.create_unit({"code": "U{}".format(i), "name": "Đơn vị {}".format(i),
                                           "unit_type": "SO", "level": "PROVINCE", "parent_id": root["id"],
                                           "valid_from": "2017-01-01"}) for i in range(2)]
    positions = [service.create_position({"unit_id": u["id"], "title": "Chuyên viên", "group": "PROFESSIONAL",
                                          "rank": "01.003"}) for u in units]
    officials = [service.register_official(official_payload(
        units[i % 3], positions[i % 3], national_id="0962{:08d}".format(i), full_name="Cán bộ {}".format(i),
        service_start_date="2015-09-01"))["id"] for i in range(12)]
    done = []
    for step in range(120):
        dying = rng.random() < 0.1
        worker = worker_factory(PersonnelService, store=(DyingStore if dying else PersonnelStore)(db))
        kind = rng.random()
        if kind < 0.15 and done:
            command = rng.choice(done)                      # the same command again (a retry, a redelivery)
        elif kind < 0.65:
            year = rng.choice(YEARS)
            command = ("record_evaluation", (rng.choice(officials), {
                "year": year, "rating": rng.choice(RATINGS), "recorded_on": "{}-12-20".format(year)}))
        elif kind < 0.85:
            year = rng.choice(YEARS)
            form = rng.choice(sorted(SEVERITY))
            command = ("impose_discipline", (rng.choice(officials), {
                "form": form, "severity": SEVERITY[form], "violation_date": "{}-02-01".format(year),
                "violation_summary": "Vi phạm quy trình", "handling_started_on": "{}-02-10".format(year),
                "decided_on": "{}-03-{:02d}".format(year, 1 + step % 28), "decision_ref": "QĐ {}".format(step)}))
        else:
            command = ("transfer_official", (rng.choice(officials), {
                "position_id": rng.choice(positions)["id"], "decision": DECISION,
                "effective_from": date(rng.choice(YEARS), 6, 1).isoformat()}))
        try:
            getattr(worker, command[0])(*command[1])
            done.append(command)
        except (DomainError, SystemExit):
            pass                        # refused by a rule, or the writer died after its write
        if step % 10 == 9:
            PersonnelStore(db).recount_marked(grace_seconds=-1)     # the sweep
            for year in YEARS:
                for scope in [None] + [[u["id"]] for u in units]:
                    report = service.annual_report(year, unit_ids=scope)
                    assert (report["ratings"], report["disciplines_by_form"]) == raw_figures(db, year, scope), \
                        (seed, step, year, scope)
    assert db.evaluations.count_documents({}) and db.disciplines.count_documents({})
