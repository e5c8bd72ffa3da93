"""Feedback indicators (docs/domain.md dashboard): received, answered, answered on time, overdue, by group.

Counted over the feedback received in a period, as of a day:
- answered_on_time / answered_late: answered (or published) on or before / after the answer due day;
- open_overdue: still owed an answer and past its due day as of `as_of`;
- overdue = answered_late + open_overdue (every item whose answer deadline was missed);
- out_of_scope items (complaints, denunciations) are received but owe no answer.
"""
from collections import defaultdict

from services.feedback.domain.enums import ANSWERED_STATUSES, OPEN_STATUSES, SIPAS_ASPECTS, FeedbackStatus

COUNTERS = ("received", "in_scope", "out_of_scope", "answered", "answered_on_time", "answered_late", "open",
            "open_overdue", "overdue", "published")


def counts(items, as_of):
    total = dict.fromkeys(COUNTERS, 0)
    for feedback in items:
        total["received"] += 1
        if feedback.status == FeedbackStatus.OUT_OF_SCOPE:
            total["out_of_scope"] += 1
            continue
        total["in_scope"] += 1
        if feedback.status in ANSWERED_STATUSES:
            total["answered"] += 1
            total["answered_on_time" if feedback.answer.on_time else "answered_late"] += 1
        elif feedback.status in OPEN_STATUSES:
            total["open"] += 1
            total["open_overdue"] += bool(feedback.answer_due and feedback.answer_due < as_of)
        total["published"] += feedback.status == FeedbackStatus.PUBLISHED
    total["overdue"] = total["answered_late"] + total["open_overdue"]
    return total


def grouped(items, key, as_of, label=None):
    groups = defaultdict(list)
    for feedback in items:
        groups[key(feedback)].append(feedback)
    return [dict(counts(members, as_of), key=name or "UNSPECIFIED",
                 label=label(members[0]) if label else None)
            for name, members in sorted(groups.items(), key=lambda pair: str(pair[0] or ""))]


def satisfaction(items):
    ratings = [feedback.rating for feedback in items if feedback.rating is not None]
    averages = {aspect: round(sum(getattr(r, aspect) for r in ratings) / len(ratings), 2) if ratings else None
                for aspect in SIPAS_ASPECTS}
    return dict(averages, ratings=len(ratings))


def overdue_flags(items):
    found = defaultdict(int)
    for feedback in items:
        for flag in feedback.overdue:
            found[flag.deadline.value] += 1
    return dict(found)


def statistics(items, dialogues, as_of):
    unit_of = lambda f: f.assignment.unit_id if f.assignment else f.target_unit_id  # noqa: E731
    return dict(
        counts(items, as_of),
        by_unit=grouped(items, lambda f: f.target_unit_id, as_of, label=lambda f: f.target_unit_name),
        by_handling_unit=grouped(items, unit_of, as_of),
        by_procedure_domain=grouped(items, lambda f: f.procedure_domain, as_of),
        by_channel=grouped(items, lambda f: f.channel, as_of),
        by_kind=grouped(items, lambda f: f.kind, as_of),
        by_month=grouped(items, lambda f: f.received_on.strftime("%Y-%m"), as_of),
        overdue_flags=overdue_flags(items),
        satisfaction=satisfaction(items),
        dialogues={"held": len(dialogues), "participants": sum(d.participant_count for d in dialogues),
                   "items_raised": sum(len(d.feedback_ids) for d in dialogues)},
    )


def annual_figures(year, items, dialogues, as_of):
    """The feedback part of the province's annual report (docs/domain.md dashboard indicators)."""
    total = counts(items, as_of)
    return dict(total, year=year, dialogues_held=len(dialogues),
                by_channel={group["key"]: group["received"]
                            for group in grouped(items, lambda f: f.channel, as_of)})
