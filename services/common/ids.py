"""Identifiers and the province's calendar day."""
import uuid
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

PROVINCE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def new_id(prefix):
    return "{}-{}".format(prefix, uuid.uuid4().hex[:16])


def utc_now():
    """Instants (deliveries, notices, the archive) in UTC."""
    return datetime.now(timezone.utc)


def today():
    """Dates of facts are the province's calendar days (UTC+7)."""
    return datetime.now(PROVINCE_TZ).date()
