"""Reports read officials decoded once per version of their file, their standing on a day and whether they
meet their standards worked out once per version (PersonnelStore.standing_in / meets, BaseStore.entities):
after a random sequence of registrations, qualifications, transfers, renames, leaves, separations and repeated
(redelivered) commands, every report equals the same report computed from the raw documents."""
import random

import pytest

from services.common.errors import DomainError
from services.common.store import STATE_ONLY
from services.common.documents import from_document
from services.personnel.domain import history, staffing
from services.personnel.domain.model import Official, Position
from tests.unit.personnel.conftest import official_payload

DECISION = {"number": "QĐ 12/QĐ-SNV", "signer": "Giám đốc Sở Nội vụ", "signed_on": "2025-06-01",
            "legal_basis": "Luật Cán bộ, công chức 2025"}
DAYS = ["2020-01-01", "2024-06-30", "2025-12-31", "2026-01-15"]


def forget(db):
    """The memo goes: what the service answers next is computed from the raw documents."""
    for name in ("officials", "positions"):
        db[name]._store.__dict__.pop("_decoded", None)


def raw_compliance(db, as_of):
    """Province-wide compliance straight from the stored documents, through the domain only."""
    officials = [from_document(Official, d) for d in db.officials.find({}, STATE_ONLY)]
    positions = {d["_id"]: from_document(Position, d) for d in db.positions.find({}, STATE_ONLY)}
    return staffing.compliance(history.standing(officials, as_of), positions, as_of)


def reports(service, units, day):
    return {"compliance": service.compliance_report({"as_of": day}),
            "unit_compliance": [service.compliance_report({"as_of": day}, u["id"]) for u in units],
            "staffing": [service.staffing_report(u["id"], {"as_of": day}) for u in units
                         if u["valid_from"] <= day],
            "annual": [service.annual_report(int(day[:4])), service.annual_report(int(day[:4]), units[1]["id"])]}


@pytest.mark.parametrize("seed", range(4))
def test_reports_read_through_the_memo_equal_reports_from_raw_documents(service, db, seed):
    from datetime import date
    rng = random.Random(seed)
    root = service.create_unit({"code": "UB", "name": "UBND", "unit_type": "UBND", "level": "PROVINCE",
                                "valid_from": "2017-01-01"})
    units = [root] + [service.create_unit({"code": "U{}".format(i), "name": "Đơn vị {}".format(i), "unit_type": "SO",
                                           "level": "PROVINCE", "parent_id": root["id"] if i < 2 else None,
                                           "valid_from": "2017-01-01"}) for i in range(3)]
    needs = [[], [{"kind": "POLITICAL_THEORY", "level": "TRUNG_CAP"}], [{"kind": "IT_SKILL", "level": "BASIC"}]]
    positions = [service.create_position({"unit_id": u["id"], "title": "Chuyên viên", "group": "PROFESSIONAL",
                                          "rank": "01.003", "headcount_quota": 5,
                                          "requirements": rng.choice(needs)}) for u in units for _ in range(2)]
    officials, commands = [], []
    for step in range(60):
        action = rng.random()
        try:
            if action < 0.3 or not officials:
                position = rng.choice(positions)
                unit = next(u for u in units if u["id"] == position["unit_id"])
                officials.append(service.register_official(official_payload(
                    unit, position, national_id="0961{:08d}".format(step), full_name="Cán bộ {}".format(step),
                    service_start_date=rng.choice(["2015-09-01", "2022-03-01", "2025-07-01"])))["id"])
            elif rng.random() < 0.15 and commands:
                name, args = rng.choice(commands)          # the same command again (a redelivery, a retry)
                getattr(service, name)(*args)
            else:
                official, kind = rng.choice(officials), rng.random()
                if kind < 0.3:
                    command = ("add_qualification", (official, {
                        "kind": rng.choice(["POLITICAL_THEORY", "IT_SKILL"]),
                        "level": rng.choice(["TRUNG_CAP", "BASIC", "CAO_CAP", "ADVANCED"]),
                        "obtained_on": rng.choice(["2019-01-01", "2025-01-01"])}))
                elif kind < 0.6:
                    command = ("transfer_official", (official, {"position_id": rng.choice(positions)["id"],
                                                                "effective_from": rng.choice(DAYS[1:]),
                                                                "decision": DECISION}))
                elif kind < 0.8:
                    command = ("update_official", (official, rng.choice([{"status": "ON_LEAVE"},
                                                                         {"status": "ACTIVE"},
                                                                         {"full_name": "Đổi tên {}".format(step)}])))
                else:
                    command = ("separate_official", (official, {"reason": "RETIREMENT",
                                                                "separated_on": rng.choice(DAYS[1:]),
                                                                "decision_ref": "QĐ {}".format(step)}))
                commands.append(command)
                getattr(service, command[0])(*command[1])
        except DomainError:
            pass                                           # refused (a separated file, a closed position...)
        if step % 7 == 0:
            day = rng.choice(DAYS)
            memoized = reports(service, units, day)
            forget(db)
            assert reports(service, units, day) == memoized, (seed, step, day)
            counted = raw_compliance(db, date.fromisoformat(day))
            assert {key: memoized["compliance"][key] for key in ("officials", "met", "not_met")} == \
                {key: counted[key] for key in ("officials", "met", "not_met")}
