"""The projected official and the units they belonged to, from personnel's events.

A finding may hold an official responsible only for a time they belonged to the inspected unit
(docs/domain.md rule 10), so transfers (`official_updated` with another unit) and separations close a
membership period instead of overwriting the unit.
"""
from dataclasses import replace
from datetime import timedelta

from services.inspection.domain.model import Membership, OfficialRef


def registered(current, data, effective_on):
    """First registration: member of its unit with no known start (an earlier history is not known)."""
    if current is not None:
        return updated(current, data, effective_on)
    return OfficialRef(id=data["official_id"], full_name=data["full_name"], unit_id=data["unit_id"],
                       status=data["status"], memberships=[Membership(data["unit_id"])])


def updated(current, data, effective_on):
    """New details; a new unit from `effective_on` closes the previous membership the day before."""
    if current is None:
        current = OfficialRef(id=data["official_id"], full_name=data.get("full_name") or "",
                              unit_id=data["unit_id"], status=data.get("status") or "ACTIVE",
                              memberships=[Membership(data["unit_id"], effective_on)])
    memberships = list(current.memberships) or [Membership(current.unit_id)]
    last = memberships[-1]
    if data["unit_id"] != last.unit_id or last.end is not None:
        if last.end is None and last.start is not None and last.start >= effective_on:
            memberships[-1] = replace(last, unit_id=data["unit_id"])        # corrected on its first day
        else:
            if last.end is None:
                memberships[-1] = replace(last, end=effective_on - timedelta(days=1))
            memberships.append(Membership(data["unit_id"], effective_on))
    return replace(current, full_name=data.get("full_name") or current.full_name, unit_id=data["unit_id"],
                   status=data.get("status") or current.status, memberships=memberships)


def separated(current, data):
    """Out of service from the day after `separated_on`: the open membership ends that day."""
    if current is None:
        return OfficialRef(id=data["official_id"], full_name="", unit_id=data["unit_id"], status="SEPARATED",
                           memberships=[Membership(data["unit_id"], None, data["separated_on"])])
    memberships = list(current.memberships) or [Membership(current.unit_id)]
    if memberships[-1].end is None:
        memberships[-1] = replace(memberships[-1], end=data["separated_on"])
    return replace(current, status="SEPARATED", memberships=memberships)


def transferred(current, data, effective_on=None):
    """personnel's official_transferred: the memberships are the official's unit periods as personnel now
    states them (a transfer dated in the past, or a correction, rewrites the periods from its date, never by
    the day the news arrived); a separation already known still ends the last one."""
    periods = [Membership(p["unit_id"], p["valid_from"], p["valid_to"]) for p in data["unit_periods"]]
    if current is None:
        return OfficialRef(id=data["official_id"], full_name="", unit_id=data["current_unit_id"], status="ACTIVE",
                           memberships=periods)
    if current.status == "SEPARATED" and current.memberships and current.memberships[-1].end is not None:
        periods[-1] = replace(periods[-1], end=current.memberships[-1].end)
    return replace(current, unit_id=data["current_unit_id"], memberships=periods)
