"""Leaving the service (thôi việc, nghỉ hưu, buộc thôi việc, bãi nhiệm): the file stays in history."""
from dataclasses import replace

from services.common.errors import Conflict, Invalid, RuleViolation
from services.personnel.domain.enums import (Category, DisciplineForm, OfficialStatus, Rating,
                                             SeparationReason as R)
from services.personnel.domain.events import OfficialSeparated


def separate(official, separation, open_reviews, evaluations, disciplines):
    """Separate an official for `separation.reason`, if the rules allow it on that date."""
    if official.status == OfficialStatus.SEPARATED:
        raise Conflict("official {} already left the service on {}".format(
            official.id, official.separation.separated_on if official.separation else "?"))
    if separation.separated_on < official.service_start_date:
        raise Invalid("the separation cannot precede the service start",
                      fields={"separated_on": ["before {}".format(official.service_start_date)]})
    if separation.reason == R.RESIGNATION and open_reviews:
        raise RuleViolation("a resignation cannot be approved while a review is open ({})".format(
            ", ".join(r.id for r in open_reviews)), rule="RESIGNATION_DURING_REVIEW",
            legal_basis="Decree 170/2025 art. 57(2)", fields={"reason": ["a disciplinary review is open"]})
    if separation.reason == R.TERMINATION_NOT_COMPLETED and not any(
            e.rating == Rating.NOT_COMPLETED for e in evaluations):
        raise RuleViolation("termination for failing duties needs a NOT_COMPLETED rating",
                            rule="TERMINATION_NOT_COMPLETED", legal_basis="Law 80/2025 art. 27; "
                            "Decree 170/2025 art. 57(3)", fields={"reason": ["no NOT_COMPLETED rating"]})
    if separation.reason == R.BUOC_THOI_VIEC and not any(
            d.form == DisciplineForm.BUOC_THOI_VIEC for d in disciplines):
        raise RuleViolation("buộc thôi việc is a discipline: record it first", rule="DISCIPLINE_FORM",
                            legal_basis="Decree 172/2025; Decree 112/2020 (am. 71/2023)",
                            fields={"reason": ["no BUOC_THOI_VIEC discipline recorded"]})
    if separation.reason == R.BAI_NHIEM and official.category != Category.CAN_BO:
        raise RuleViolation("bãi nhiệm applies to elected cán bộ only", rule="DISCIPLINE_FORM",
                            legal_basis="Law 80/2025/QH15", fields={"reason": ["the official is not a cán bộ"]})
    separated = replace(official, status=OfficialStatus.SEPARATED, separation=separation)
    return separated, [OfficialSeparated(
        subject=official.id, official_id=official.id, unit_id=official.unit_id,
        separated_on=separation.separated_on, reason=separation.reason, decision_ref=separation.decision_ref)]
