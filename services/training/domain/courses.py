"""Courses (khóa đào tạo, bồi dưỡng): what they may grant and when they run."""
from dataclasses import replace

from services.common.errors import Conflict, Invalid
from services.training.domain.enums import (CREDENTIAL_LEVELS, CourseKind, CourseStatus, CredentialKind,
                                            EducationLevel)
from services.training.domain.events import CourseCancelled, CourseCreated

# An education degree comes only from "đào tạo": university-and-below levels from DEGREE courses,
# master's and doctorate from POSTGRADUATE ones (đào tạo sau đại học); "bồi dưỡng" grants none.
EDUCATION_LEVELS_BY_KIND = {
    CourseKind.DEGREE: {EducationLevel.TRUNG_CAP, EducationLevel.CAO_DANG, EducationLevel.DAI_HOC},
    CourseKind.POSTGRADUATE: {EducationLevel.THAC_SI, EducationLevel.TIEN_SI},
    CourseKind.FOSTERING: set(),
}


def is_known_level(kind, level):
    return level in {member.value for member in CREDENTIAL_LEVELS[CredentialKind(kind)]}


def credential_problems(course_kind, credential):
    """Messages about the credential a course would grant (empty when it is acceptable)."""
    if credential is None:
        return {}
    levels = CREDENTIAL_LEVELS[credential.kind]
    if not is_known_level(credential.kind, credential.level):
        return {"level": ["{} is not a level of {}; expected one of {}".format(
            credential.level, credential.kind.value, ", ".join(level.value for level in levels))]}
    if credential.kind == CredentialKind.EDUCATION:
        allowed = EDUCATION_LEVELS_BY_KIND[course_kind]
        if credential.level not in allowed:
            return {"level": ["a {} course cannot grant the education level {}".format(
                course_kind.value, credential.level)]}
    return {}


def create_course(course):
    """A new course, open for enrollment; its period and credential are checked."""
    problems = {}
    if course.end_date < course.start_date:
        problems["end_date"] = ["must not be before start_date ({})".format(course.start_date)]
    credential = credential_problems(course.kind, course.credential)
    if credential:
        problems["credential"] = credential
    if problems:
        raise Invalid("the course is not valid", fields=problems)
    return course, [CourseCreated(
        subject=course.id, course_id=course.id, title=course.title, kind=course.kind,
        content_area=course.content_area, location=course.location,
        organiser=course.organiser, start_date=course.start_date, end_date=course.end_date,
        hours=course.hours, capacity=course.capacity, assessments=course.assessments,
        credential=course.credential, status=course.status,
        tuition=course.tuition, other_costs=course.other_costs)]


def cancel_course(course, cancelled_on, reason, results_recorded):
    """Cancel a course nobody has a result in yet; its enrollments end without owing anything."""
    if course.status == CourseStatus.CANCELLED:
        raise Conflict("the course is already cancelled", fields={"course_id": [
            "course {} was cancelled on {}".format(course.id, course.cancelled_on)]})
    if results_recorded:
        raise Conflict("results were recorded in this course", fields={"course_id": [
            "course {} has {} result(s); correct them instead of cancelling".format(course.id, results_recorded)]})
    cancelled = replace(course, status=CourseStatus.CANCELLED, cancelled_on=cancelled_on,
                        cancellation_reason=reason)
    return cancelled, [CourseCancelled(subject=course.id, course_id=course.id, cancelled_on=cancelled_on,
                                       reason=reason)]
