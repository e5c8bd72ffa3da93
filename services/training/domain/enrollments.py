"""Enrollments of officials in courses, and their results (rule 8 of docs/domain.md).

An enrollment's id is derived from (course, official): enrolling the same official twice in one
course is the same document, so the store refuses it as a duplicate even under concurrency.
"""
import hashlib
from dataclasses import replace

from services.common.errors import Conflict, Invalid
from services.training.domain.enums import ACTIVE, CourseStatus, EnrollmentStatus
from services.training.domain import commitments, eligibility
from services.training.domain.events import (EnrollmentCreated, TrainingCompleted, TrainingFailed,
                                            TrainingResultCorrected)
from services.training.domain.model import Correction, Enrollment

# Rule 8 (docs/domain.md). Legal basis: Circular 01/2018/TT-BNV, guiding Decree 101/2017/ND-CP on the
# training of cadres, civil servants and public employees; Decree 171/2025 replaced Decree 101/2017.
# Validity: the circular's effective date and any successor circular are unconfirmed in docs/domain.md,
# so this one rule set applies to results on every date until a successor is confirmed.
CERTIFICATE_RULE_BASIS = "Circular 01/2018/TT-BNV (docs/domain.md rule 8)"
CERTIFICATE_RULE_VALID_FROM = None    # unconfirmed
CERTIFICATE_RULE_VALID_TO = None      # in force; no successor confirmed
PASS_MARK = 5.0                       # every assessment scored out of 10 must reach 5


def enrollment_id(course_id, official_id):
    digest = hashlib.sha1("{}|{}".format(course_id, official_id).encode()).hexdigest()
    return "enr-" + digest[:16]


def enroll(course, official_id, official, enrolled_on, commits_to_serve=False, first_postgraduate_on=None):
    """Enroll an ACTIVE official known from personnel in an OPEN course that has a free seat.

    `official` is the projection's snapshot, or None when personnel never announced that id.
    Degree and postgraduate courses pass rule 8's gates (eligibility.check_enrollment, with the
    rule set valid on `enrolled_on`) and carry the service commitment they create.
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
    rules = eligibility.check_enrollment(course, official, enrolled_on, commits_to_serve, first_postgraduate_on)
    enrollment = Enrollment(id=enrollment_id(course.id, official.id), course_id=course.id,
                            official_id=official.id, enrolled_on=enrolled_on, unit_id=official.unit_id,
                            content_area=course.content_area, course_kind=course.kind, location=course.location,
                            commitment=commitments.new_commitment(course, rules))
    return enrollment, [EnrollmentCreated(subject=enrollment.id, enrollment_id=enrollment.id, course_id=course.id,
                                          official_id=official.id, enrolled_on=enrolled_on)]


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
            "{} is already {}; send a correction instead".format(enrollment.id, enrollment.status.value)]})
    _check_course_open(course)
    updated, outcome = _apply_result(enrollment, course, result)
    return updated, outcome + commitments.repayment_events(enrollment.commitment, updated)


def correct_result(enrollment, course, result, reason, corrected_on):
    """Replace a wrongly recorded result, keeping the old one; announces the correction.

    training_result_corrected always; training_completed / training_failed as well when the
    outcome flips, since that is a new fact for their consumers (e.g. personnel's qualification).
    """
    if enrollment.result is None:
        raise Conflict("the enrollment has no result to correct", fields={"enrollment_id": [
            "{} is {}; record its result first".format(enrollment.id, enrollment.status.value)]})
    _check_course_open(course)
    updated, outcome = _apply_result(enrollment, course, result)
    if updated.result == replace(enrollment.result, reasons=updated.result.reasons):
        raise Conflict("the correction changes nothing", fields={"scores": ["same result as recorded"]})
    updated = replace(updated, corrections=enrollment.corrections + [Correction(
        corrected_on=corrected_on, reason=reason, previous_status=enrollment.status,
        previous_result=enrollment.result)])
    revoked = course.credential if (enrollment.status == EnrollmentStatus.COMPLETED
                                    and updated.status == EnrollmentStatus.FAILED) else None
    corrected = TrainingResultCorrected(
        subject=enrollment.id, enrollment_id=enrollment.id, official_id=enrollment.official_id, course_id=course.id,
        previous_status=enrollment.status, status=updated.status, corrected_on=corrected_on,
        reason=reason, scores=list(result.scores), reasons=updated.result.reasons,
        credential_revoked=revoked)
    flipped = outcome if updated.status != enrollment.status else []
    return updated, [corrected] + flipped + commitments.repayment_events(enrollment.commitment, updated)


def cancel(enrollment):
    """The course was cancelled: the enrollment ends without a result and owes nothing."""
    if enrollment.status != EnrollmentStatus.ENROLLED:
        return None
    return replace(enrollment, status=EnrollmentStatus.CANCELLED,
                   commitment=commitments.released(enrollment.commitment))


def separate(enrollment, separated_on, reason):
    """official_separated: the enrollment's commitment may now owe a repayment (or be over)."""
    commitment = commitments.on_separated(enrollment.commitment, separated_on, reason)
    if commitment == enrollment.commitment:
        return None, []
    updated = replace(enrollment, commitment=commitment)
    return updated, commitments.repayment_events(enrollment.commitment, updated)


def _check_course_open(course):
    if course.status == CourseStatus.CANCELLED:
        raise Conflict("the course was cancelled", fields={"course_id": [
            "course {} is CANCELLED; no result can be recorded".format(course.id)]})


def _apply_result(enrollment, course, result):
    check_result(course, result)
    reasons = certificate_shortfalls(result.attended_sessions, result.total_sessions, result.scores)
    result = replace(result, reasons=reasons)
    common = {"subject": enrollment.id, "enrollment_id": enrollment.id, "official_id": enrollment.official_id,
              "course_id": course.id}
    if reasons:
        updated = replace(enrollment, status=EnrollmentStatus.FAILED, result=result, completed_on=None,
                          commitment=commitments.on_failed(enrollment.commitment, result.recorded_on))
        event = TrainingFailed(**common, failed_on=result.recorded_on, reasons=reasons)
    else:
        updated = replace(enrollment, status=EnrollmentStatus.COMPLETED, result=result,
                          completed_on=result.recorded_on,
                          commitment=commitments.on_completed(enrollment.commitment, result.recorded_on))
        event = TrainingCompleted(**common, course_title=course.title, completed_on=result.recorded_on,
                                  credential=course.credential, scores=list(result.scores))
    return updated, [event]
