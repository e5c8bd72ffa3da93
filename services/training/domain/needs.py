"""Training needs (docs/architecture.md flows 4 and 5): from standards gaps and from reviews' retraining.

One need per missing item: a standards gap stays one OPEN need however often personnel repeats
it (the store keeps `open_key` unique). Needs close by themselves when the official completes a
matching training, when personnel says the gap is gone, or when the official leaves.
"""
import hashlib
from dataclasses import replace

from services.training.domain.enums import (LEVEL_RANK, ContentArea, CredentialKind, NeedClosure,
                                            NeedOrigin, NeedStatus)
from services.training.domain.events import TrainingNeedClosed, TrainingNeedCreated
from services.training.domain.model import TrainingNeed

# The content area a credential of each kind is trained in (to propose and count courses).
CONTENT_OF_KIND = {
    CredentialKind.POLITICAL_THEORY: ContentArea.POLITICAL_THEORY,
    CredentialKind.STATE_MANAGEMENT: ContentArea.STATE_MANAGEMENT,
    CredentialKind.EDUCATION: ContentArea.JOB_SPECIFIC,
}


def _id(*parts):
    return "need-" + hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


def gap_key(official_id, kind, level):
    return "gap|{}|{}|{}".format(official_id, kind, level)


def known_kind(kind):
    return kind in CredentialKind.__members__


def needs_from_gaps(data, event_id, open_needs):
    """standards_status_changed -> (needs to open, [(need, reason)] to close).

    Gaps of kinds training cannot grant are ignored; open gap needs the event no longer lists
    are closed (met, or the position changed). `open_needs`: the official's OPEN needs.
    """
    missing = [] if data["met"] else [m for m in data["missing"] if known_kind(m["kind"])]
    wanted = {gap_key(data["official_id"], m["kind"], m["required_level"]): m for m in missing}
    gap_needs = [n for n in open_needs if n.origin == NeedOrigin.STANDARDS_GAP]
    held = {n.open_key for n in gap_needs}
    reason = NeedClosure.STANDARDS_MET if data["met"] else NeedClosure.GAP_RESOLVED
    to_close = [(n, reason) for n in gap_needs if n.open_key not in wanted]
    to_open = [TrainingNeed(
        id=_id(data["official_id"], item["kind"], item["required_level"], event_id), open_key=key,
        official_id=data["official_id"], unit_id=data["unit_id"], origin=NeedOrigin.STANDARDS_GAP,
        origin_ref=data["position_id"], identified_on=data["as_of"], kind=CredentialKind(item["kind"]),
        level=item["required_level"], content_area=CONTENT_OF_KIND[CredentialKind(item["kind"])])
        for key, item in wanted.items() if key not in held]
    return to_open, to_close


def need_from_review(data):
    """review_decided with outcome RETRAINING -> one need (None for any other outcome)."""
    if data["outcome"] != "RETRAINING":
        return None
    wanted = data.get("retraining_need") or {}
    kind = wanted.get("kind") if known_kind(wanted.get("kind")) else None
    level = wanted.get("level") if kind else None
    content = data.get("content_area")
    if content not in ContentArea.__members__:
        content = CONTENT_OF_KIND[CredentialKind(kind)] if kind else None
    need_id = _id("REVIEW", data["review_id"])
    return TrainingNeed(id=need_id, open_key=need_id, official_id=data["official_id"], unit_id=data.get("unit_id"),
                        origin=NeedOrigin.REVIEW, origin_ref=data["review_id"], identified_on=data["decided_on"],
                        kind=CredentialKind(kind) if kind else None, level=level,
                        content_area=ContentArea(content) if content else None)


def grants(credential, kind, level):
    """Whether a credential satisfies a need for `kind` at `level` (a higher level does)."""
    if credential is None or credential.kind != kind:
        return False
    ranks = LEVEL_RANK[kind]
    return ranks.get(credential.level, 0) >= ranks.get(level, 99)


def is_met_by(need, credential, content_area, completed_on):
    """A completed training meets a need: the credential it asks for, or (no credential asked)
    a training in its content area completed on or after the need was identified."""
    if need.kind is not None:
        return grants(credential, need.kind, need.level)
    if completed_on < need.identified_on:
        return False
    return need.content_area is None or need.content_area == content_area


def matches_course(need, course):
    """Courses to propose for a need: they grant what it asks, or train its content area."""
    if need.kind is not None:
        return grants(course.credential, need.kind, need.level)
    return need.content_area is None or course.content_area == need.content_area


def opened(need):
    return need, [TrainingNeedCreated(**_need_fields(need), identified_on=need.identified_on)]


def close(need, reason, closed_on, enrollment_id=None):
    """The need CLOSED (its open_key freed so the same gap may open again later)."""
    closed = replace(need, status=NeedStatus.CLOSED, closed_on=closed_on, closed_reason=reason.value,
                     closed_by=enrollment_id, open_key=need.id)
    return closed, [TrainingNeedClosed(**_need_fields(need), closed_on=closed_on, reason=reason,
                                       enrollment_id=enrollment_id)]


def _need_fields(need):
    """What every need event says about the need."""
    return {"subject": need.id, "need_id": need.id, "official_id": need.official_id, "unit_id": need.unit_id,
            "origin": need.origin, "origin_ref": need.origin_ref, "kind": need.kind, "level": need.level,
            "content_area": need.content_area}


def summary_by_unit(open_needs):
    """Open needs per unit: how many, for how many officials, from gaps and from reviews."""
    units = {}
    for unit_id, official_id, origin in open_needs:
        line = units.setdefault(unit_id, {"unit_id": unit_id, "open_needs": 0, "officials": set(),
                                          "standards_gaps": 0, "retraining": 0})
        line["open_needs"] += 1
        line["officials"].add(official_id)
        line["standards_gaps" if origin == NeedOrigin.STANDARDS_GAP else "retraining"] += 1
    lines = [dict(line, officials=len(line["officials"])) for line in units.values()]
    return sorted(lines, key=lambda line: (-line["open_needs"], line["unit_id"] or ""))
