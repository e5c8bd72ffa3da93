"""Dates every service judges alike. Pure: domain modules may use it (like services.common.errors).

Facts are recorded when they happened, never ahead of time: one rule, one message, for every date
field that records a fact (an answer, a decision, a dialogue, a separation, a scan's day...).
"""
from services.common.errors import Invalid


def future_date_problem(day, today):
    """The message for a fact dated after `today`, or None (also when either is None: not checked)."""
    if day is not None and today is not None and day > today:
        return "must not be after today ({})".format(today.isoformat())
    return None


def not_after_today(day, today, field, what="the date"):
    """`day` itself, or `today` when no day was given; a day after `today` is refused (Invalid on `field`)."""
    problem = future_date_problem(day, today)
    if problem:
        raise Invalid("{} is in the future".format(what), fields={field: [problem]})
    return today if day is None else day
