"""Standards a job position (and a rank, rank_standards.py) requires, and whether an official meets them on a date.

Levels are ordered within each kind; holding a higher level satisfies a lower requirement.
Legal basis: the rank standards of Circular 02/2021/TT-BNV (valid from 1 Aug 2021) and the
job-position scheme of each unit (Decree 62/2020/ND-CP on job positions); from 1 Jul 2025 under
Law 80/2025/QH15 and Decree 170/2025. The order of levels is the same under every set, so one
table serves every date; cử nhân chính trị counts as cao cấp (equivalence, docs/domain.md).
IT and foreign language are skills "as the job position requires" since 2021-2022, not certificates
(docs/domain.md): the position names the level it needs and the assessed skill is recorded as held.
A requirement may be effective-dated (valid_from / valid_to) and may ask for a field of study, so
a position's standards can change on a date without rewriting its history.
An official is judged on the union of their rank's standards valid on the date (rank_standards.py) and
their position's: for one kind the stricter level wins, and a field of study named by either applies.
"""
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from services.personnel.domain.enums import QualificationKind

LEVEL_ORDER = {
    QualificationKind.EDUCATION: {"TRUNG_CAP": 1, "CAO_DANG": 2, "DAI_HOC": 3, "THAC_SI": 4, "TIEN_SI": 5},
    QualificationKind.POLITICAL_THEORY: {"SO_CAP": 1, "TRUNG_CAP": 2, "CAO_CAP": 3, "CU_NHAN": 3},
    QualificationKind.STATE_MANAGEMENT: {"CHUYEN_VIEN": 1, "CHUYEN_VIEN_CHINH": 2,
                                         "CHUYEN_VIEN_CAO_CAP": 3},
    QualificationKind.IT_SKILL: {"BASIC": 1, "ADVANCED": 2},
    QualificationKind.FOREIGN_LANGUAGE: {"BAC_1": 1, "BAC_2": 2, "BAC_3": 3, "BAC_4": 4, "BAC_5": 5, "BAC_6": 6},
}


def levels_of(kind):
    return list(LEVEL_ORDER[QualificationKind(kind)])


def is_known_level(kind, level):
    return level in LEVEL_ORDER.get(QualificationKind(kind), {})


@dataclass(frozen=True)
class Qualification:
    kind: QualificationKind
    level: str
    obtained_on: date
    source: str = "manual"          # "manual" or "training:<enrollment id>"
    field_of_study: str | None = None


@dataclass(frozen=True)
class Requirement:
    kind: QualificationKind
    level: str
    field_of_study: str | None = None    # e.g. "Luật": the degree must be in that field
    valid_from: date | None = None       # the requirement applies from / until these dates
    valid_to: date | None = None

    def applies_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Gap:
    kind: QualificationKind
    required_level: str
    held_level: str | None
    field_of_study: str | None = None
    source: str | None = None     # "position", "rank 01.003 under Circular 02/2021/TT-BNV" or both, " + "-joined


@dataclass(frozen=True)
class StandardsStatus:
    met: bool
    as_of: date
    missing: list[Gap] = field(default_factory=list)
    rank_rule_set: str | None = None     # legal basis of the rank standards applied, None: the position only


POSITION = "position"


def in_field(qualification, field_of_study):
    wanted = field_of_study.strip().lower()
    return bool(qualification.field_of_study) and wanted in qualification.field_of_study.strip().lower()


def best_level(qualifications, kind, as_of, field_of_study=None):
    order = LEVEL_ORDER[kind]
    held = [q.level for q in qualifications if q.kind == kind and q.obtained_on <= as_of
            and (field_of_study is None or in_field(q, field_of_study))]
    return max(held, key=order.get, default=None)


def evaluate_standards(qualifications, requirements, as_of, rank_standards=None):
    """The official meets their standards as of `as_of` when no requirement is missing: the position's
    `requirements` together with `rank_standards` (a rank_standards.RankStandards, or None)."""
    sourced = [(r, POSITION) for r in requirements if r.applies_on(as_of)]
    if rank_standards is not None:
        sourced = [(r, rank_standards.source) for r in rank_standards.requirements if r.applies_on(as_of)] + sourced
    gaps = []
    for requirement, source in merge(sourced):
        order = LEVEL_ORDER[requirement.kind]
        held = best_level(qualifications, requirement.kind, as_of, requirement.field_of_study)
        if held is None or order[held] < order[requirement.level]:
            gaps.append(Gap(requirement.kind, requirement.level, held, requirement.field_of_study, source))
    return StandardsStatus(met=not gaps, as_of=as_of, missing=gaps,
                           rank_rule_set=rank_standards.legal_basis if rank_standards else None)


def merge(sourced):
    """[(requirement, source)] -> one requirement per kind (and per field of study named), at the strictest
    level any source asks for that kind, with the sources that ask for that level or name that field."""
    by_kind = defaultdict(list)
    for requirement, source in sourced:
        by_kind[requirement.kind].append((requirement, source))
    merged = []
    for kind, items in by_kind.items():
        order = LEVEL_ORDER[kind]
        level = max((r.level for r, _ in items), key=order.get)
        fields_named = list(dict.fromkeys(r.field_of_study for r, _ in items if r.field_of_study)) or [None]
        for field_of_study in fields_named:
            sources = [s for r, s in items
                       if r.level == level or (field_of_study and r.field_of_study == field_of_study)]
            merged.append((replace(items[0][0], level=level, field_of_study=field_of_study),
                           " + ".join(dict.fromkeys(sources))))
    return merged
