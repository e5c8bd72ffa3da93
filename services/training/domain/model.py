"""Training aggregates: the officials projection, courses, enrollments and their results."""
from dataclasses import dataclass, field
from datetime import date, datetime

from services.training.domain.enums import (ContentArea, CourseKind, CourseStatus, CredentialKind,
                                            EnrollmentStatus, Location)


@dataclass(frozen=True)
class OfficialSnapshot:
    """What training knows about an official, from personnel's events (never asked directly).

    birth_date and service_start_date are kept for the postgraduate gate (issue 4).
    """
    id: str
    full_name: str
    unit_id: str
    status: str
    birth_date: date
    service_start_date: date
    source_time: datetime      # time of the personnel event this snapshot comes from


@dataclass(frozen=True)
class Credential:
    """The qualification a completed course grants (personnel adds it to the official)."""
    kind: CredentialKind
    level: str


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    kind: CourseKind
    content_area: ContentArea
    location: Location
    organiser: str
    start_date: date
    end_date: date
    hours: int
    capacity: int
    assessments: int                   # number of graded assessments (bài kiểm tra, đánh giá)
    credential: Credential | None = None
    status: CourseStatus = CourseStatus.OPEN
    enrolled_count: int = 0            # seats taken; the store increments it atomically

    def has_free_seat(self):
        return self.enrolled_count < self.capacity


@dataclass(frozen=True)
class Result:
    attended_sessions: int
    total_sessions: int
    scores: list[float]
    recorded_on: date
    reasons: list[str] = field(default_factory=list)   # why no certificate; empty when completed


@dataclass(frozen=True)
class Enrollment:
    id: str
    course_id: str
    official_id: str
    enrolled_on: date
    status: EnrollmentStatus = EnrollmentStatus.ENROLLED
    result: Result | None = None
