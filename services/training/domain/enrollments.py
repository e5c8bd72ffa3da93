"""Enrollments of officials in courses, and their results (rule 8 of DOMAIN.md).

An enrollment's id is derived from (course, official): enrolling the same official twice in one
course is the same document, so the store refuses it as a duplicate even under concurrency.
"""
import hashlib
from dataclasses import replace

from services.common.domain_event import DomainEvent
from services.common.errors import Conflict, Invalid
from services.training.domain.courses import credential_data
from services.training.domain.enums import ACTIVE, CourseStatus, EnrollmentStatus
from services.training.domain.model import Enrollment

# Rule 8 (DOMAIN.md). Legal basis: Circular 01/2018/TT-BNV, guiding Decree 101/2017/ND-CP on the
# training of cadres, civil servants and public employees; Decree 171/2025 replaced Decree 101/2017.
# Validity: the circular's effective date and any successor circular are unconfirmed in DOMAIN.md,
# so this one rule set applies to results on every date until a successor is confirmed.
CERTIFICATE_RULE_BASIS = "Circular 01/2018/TT-BNV (DOMAIN.md rule 8)"
CERTIFICATE_RULE_VALID_FROM = None    # unconfirmed
CERTIFICATE_RULE_VALID_TO = None      # in force; no successor confirmed
PASS_MARK = 5.0                       # every assessment scored out of 10 must reach 5


def enrollment_id(course_id, official_id):
    digest = hashlib.sha1("{}|{}".format(course_id, official_id).encode()).hexdigest()
    return "enr-" + digest[:16]


def enroll(course, official_id, official, enrolled_on):
    """Enroll an ACTIVE official known from personnel in an OPEN course that has a free seat.

    `official` is the projection's snapshot, or None when personnel never announced that id.
    TODO(issue 4): postgraduate gate (Decree 171/2025, DOMAIN.md rule 8) for POSTGRADUATE
    courses: >= 3 years of service, rated GOOD or better in the 2 previous years, aged <= 45 at
    the first course, and a commitment to serve 3x the training time (leaving early or failing
    triggers repayment of tuition and course costs). Needs evaluations in the projection.
    """
    if official is None:
        raise Invalid("unknown official", fields={"official_id": [
            "unknown official {}: not registered by personnel".format(official_id)]})
    if official.status != ACTIVE:
        raise Invalid("the official is not active", fields={"official_id": [
            "official {} is {}; only ACTIVE officials may enroll".format(official.id, official.status)]})
    if course.status != CourseStatus.OPEN:
        raise Conflict("the course is not open", fields={"course_id": [
            "course {} is {}".format(course.id, course.status.value)]})
    if not course.has_free_seat():
        raise Conflict("the course is full", fields={"course_id": [
            "course {} has no free seat (capacity {})".format(course.id, course.capacity)]})
    enrollment = Enrollment(id=enrollment_id(course.id, official.id), course_id=course.id,
                            official_id=official.id, enrolled_on=enrolled_on)
    return enrollment, [DomainEvent("enrollment_created", enrollment.id, {
        "enrollment_id": enrollment.id, "course_id": course.id, "official_id": official.id,
        "enrolled_on": enrolled_on})]


def certificate_shortfalls(attended_sessions, total_sessions, scores):
    """Rule 8, Circular 01/2018/TT-BNV: a certificate only with full attendance and every
    assessment >= 5/10. Returns why no certificate may be granted; empty means it may be.
    """
    reasons = []
    if attended_sessions < total_sessions:
        reasons.append("attended {} of {} sessions; full attendance is required".format(
            attended_sessions, total_sessions))
    for number, score in enumerate(scores, start=1):
        if score < PASS_MARK:
            reasons.append("assessment {} scored {:g}/10; at least {:g}/10 is required".format(
                number, score, PASS_MARK))
    return reasons


def check_result(course, result):
    problems = {}
    if result.attended_sessions > result.total_sessions:
        problems["attended_sessions"] = ["must not exceed total_sessions ({})".format(result.total_sessions)]
    if len(result.scores) != course.assessments:
        problems["scores"] = ["the course has {} graded assessment(s); {} score(s) given".format(
            course.assessments, len(result.scores))]
    if result.recorded_on < course.start_date:
        problems["recorded_on"] = ["must not be before the course starts ({})".format(course.start_date)]
    if problems:
        raise Invalid("the result is not valid", fields=problems)


def record_result(enrollment, course, result):
    """Record the one result of an enrollment: COMPLETED with a certificate, or FAILED (rule 8)."""
    if enrollment.result is not None:
        raise Conflict("the enrollment already has a result", fields={"enrollment_id": [
            "{} is already {}".format(enrollment.id, enrollment.status.value)]})
    if course.status == CourseStatus.CANCELLED:
        raise Conflict("the course was cancelled", fields={"course_id": [
            "course {} is CANCELLED; no result can be recorded".format(course.id)]})
    check_result(course, result)
    reasons = certificate_shortfalls(result.attended_sessions, result.total_sessions, result.scores)
    result = replace(result, reasons=reasons)
    common = {"enrollment_id": enrollment.id, "official_id": enrollment.official_id,
              "course_id": course.id}
    if reasons:
        updated = replace(enrollment, status=EnrollmentStatus.FAILED, result=result)
        event = DomainEvent("training_failed", enrollment.id,
                            dict(common, failed_on=result.recorded_on, reasons=reasons))
    else:
        updated = replace(enrollment, status=EnrollmentStatus.COMPLETED, result=result)
        event = DomainEvent("training_completed", enrollment.id, dict(
            common, course_title=course.title, completed_on=result.recorded_on,
            credential=credential_data(course.credential), scores=list(result.scores)))
    return updated, [event]
