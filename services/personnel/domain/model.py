"""Personnel aggregates: organisation units, job positions, officials, review cases."""
from dataclasses import dataclass, field, replace
from datetime import date

from services.personnel.domain.enums import (Category, OfficialStatus, OrgLevel, PositionGroup,
                                             ReviewOrigin, ReviewStatus)
from services.personnel.domain.standards import (Qualification, Requirement, StandardsStatus,
                                                 evaluate_standards)


@dataclass(frozen=True)
class OrgUnit:
    id: str
    code: str
    name: str
    unit_type: str                   # e.g. "SO" (sở), "UBND_XA", "PHONG"; free, never a fixed tree depth
    level: OrgLevel
    valid_from: date
    parent_id: str | None = None
    valid_to: date | None = None
    head_official_id: str | None = None

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Position:
    id: str
    unit_id: str
    title: str
    group: PositionGroup
    rank: str
    requirements: list[Requirement] = field(default_factory=list)


@dataclass(frozen=True)
class Official:
    id: str
    full_name: str
    national_id: str
    birth_date: date
    category: Category
    unit_id: str
    position_id: str
    rank: str
    service_start_date: date
    status: OfficialStatus = OfficialStatus.ACTIVE
    qualifications: list[Qualification] = field(default_factory=list)
    standards: StandardsStatus | None = None

    def with_qualification(self, qualification):
        return replace(self, qualifications=[*self.qualifications, qualification])

    def assess(self, position, as_of):
        return evaluate_standards(self.qualifications, position.requirements, as_of)


@dataclass(frozen=True)
class ReviewCase:
    id: str
    official_id: str
    unit_id: str | None
    origin: ReviewOrigin
    origin_ref: str
    reason: str
    opened_on: date
    status: ReviewStatus = ReviewStatus.OPEN
