"""Agencies and their grants: which event types another body may receive, and on what legal basis
(docs/agencies.md). Pure: the broker account, queue and API key that go with an agency are provisioned by
the service from what is decided here."""
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from services.common.errors import Conflict, Invalid, RuleViolation
from services.subscriptions.domain.data_classes import BY_TYPE, NEEDS_LEGAL_BASIS, PERSONAL_DATA_LAW, DataClass
from services.subscriptions.domain.events import SubscriberLagging

# The name is part of the broker user and the queue (`agency.<name>`): lowercase, no dots.
AGENCY_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{1,39}$")
QUEUE_PREFIX = "agency."
RULE_PERSONAL_DATA_GRANT = "personal-data-grant"


class AgencyStatus(StrEnum):
    ACTIVE = "ACTIVE"        # Đang cung cấp
    REVOKED = "REVOKED"      # Đã thu hồi


@dataclass(frozen=True)
class Grant:
    event_type: str                 # a CloudEvents type of the catalog
    data_class: DataClass
    legal_basis: str | None         # required for personal and restricted types
    granted_at: datetime
    granted_by: str


@dataclass(frozen=True)
class Lag:
    """Events the broker dropped from the agency's queue because it was full (its consumer stopped)."""
    dropped: int
    first_dropped_at: datetime
    last_dropped_at: datetime
    first_dropped_event_id: str | None
    notified_at: datetime | None


@dataclass(frozen=True)
class Notice:
    """What the platform told the agency (also announced as an event): lagging, an endpoint disabled."""
    kind: str
    at: datetime
    message: str


@dataclass(frozen=True)
class Agency:
    id: str                         # the agency's name
    title: str
    contact_email: str
    grants: tuple[Grant, ...]
    status: AgencyStatus
    registered_at: datetime
    registered_by: str
    broker_user: str
    credentials_issued_at: datetime
    revoked_at: datetime | None = None
    lag: Lag | None = None
    notices: tuple[Notice, ...] = ()

    @property
    def queue(self):
        return QUEUE_PREFIX + self.id

    @property
    def granted_types(self):
        return frozenset(grant.event_type for grant in self.grants)


def check_name(name):
    if not isinstance(name, str) or not AGENCY_NAME.fullmatch(name):     # fullmatch: no trailing newline
        raise Invalid("invalid agency name", {"name": [
            "2 to 40 characters: lowercase letters, digits, '-' and '_', starting with a letter or digit"]})
    return name


def decide_grants(requested, previous, granted_by, now):
    """The grants asked for, checked against the catalog; a grant kept unchanged keeps its date and author.

    `requested`: [{"event_type", "legal_basis"}]. Unknown types are refused by field; a personal or
    restricted type without a legal basis is refused with the rule (RULE_PERSONAL_DATA_GRANT)."""
    unknown = {index: ["unknown event type {!r} (see docs/events/asyncapi.json)".format(item["event_type"])]
               for index, item in enumerate(requested) if item["event_type"] not in BY_TYPE}
    if unknown:
        raise Invalid("unknown event types", {"grants": unknown})
    seen = {}
    for item in requested:
        seen[item["event_type"]] = (item.get("legal_basis") or "").strip() or None
    missing = sorted(event_type for event_type, basis in seen.items()
                     if BY_TYPE[event_type][2] in NEEDS_LEGAL_BASIS and basis is None)
    if missing:
        raise RuleViolation("personal and restricted event types need the legal basis of sharing them: "
                            + ", ".join(missing), RULE_PERSONAL_DATA_GRANT, PERSONAL_DATA_LAW,
                            {"grants": {event_type: ["legal_basis is required for this data class"]
                                        for event_type in missing}})
    kept = {grant.event_type: grant for grant in previous}
    grants = []
    for event_type, basis in sorted(seen.items()):
        old = kept.get(event_type)
        if old is not None and old.legal_basis == basis:
            grants.append(old)
        else:
            grants.append(Grant(event_type, BY_TYPE[event_type][2], basis, now, granted_by))
    return tuple(grants)


def register(name, title, contact_email, requested_grants, registered_by, broker_user, now):
    grants = decide_grants(requested_grants, (), registered_by, now)
    return Agency(id=check_name(name), title=title, contact_email=contact_email, grants=grants,
                  status=AgencyStatus.ACTIVE, registered_at=now, registered_by=registered_by,
                  broker_user=broker_user, credentials_issued_at=now)


def _active(agency):
    if agency.status is not AgencyStatus.ACTIVE:
        raise Conflict("agency {} is revoked".format(agency.id))
    return agency


def change_grants(agency, requested_grants, granted_by, now):
    return replace(_active(agency), grants=decide_grants(requested_grants, agency.grants, granted_by, now))


def rotate_credentials(agency, now):
    return replace(_active(agency), credentials_issued_at=now)


def revoke(agency, now):
    return replace(_active(agency), status=AgencyStatus.REVOKED, revoked_at=now, grants=())


def record_dropped(agency, dropped, first_event_id, now, notice_interval: timedelta):
    """The broker dropped `dropped` events from the agency's full queue. The agency is told (notice and
    `subscriber_lagging`) at most once per `notice_interval`, with everything dropped since it was last told."""
    lag = agency.lag
    if lag is None or (lag.notified_at is not None and lag.last_dropped_at < lag.notified_at
                       and now - lag.notified_at >= notice_interval):
        lag = Lag(dropped=0, first_dropped_at=now, last_dropped_at=now, first_dropped_event_id=first_event_id,
                  notified_at=None)
    lag = replace(lag, dropped=lag.dropped + dropped, last_dropped_at=now)
    if lag.notified_at is not None and now - lag.notified_at < notice_interval:
        return replace(agency, lag=lag), []
    message = ("your queue {} was full: {} event(s) dropped since {}; replay them from the archive "
               "(GET /api/v1/events?after=...)".format(agency.queue, lag.dropped, lag.first_dropped_at.isoformat()))
    event = SubscriberLagging(subject=agency.id, agency=agency.id, queue=agency.queue, dropped=lag.dropped,
                              first_dropped_at=lag.first_dropped_at, last_dropped_at=now,
                              first_dropped_event_id=lag.first_dropped_event_id)
    told = replace(agency, lag=replace(lag, notified_at=now),
                   notices=_recent(agency.notices + (Notice("SUBSCRIBER_LAGGING", now, message),)))
    return told, [event]


def add_notice(agency, kind, message, now):
    return replace(agency, notices=_recent(agency.notices + (Notice(kind, now, message),)))


NOTICES_KEPT = 50


def _recent(notices):
    return notices[-NOTICES_KEPT:]
