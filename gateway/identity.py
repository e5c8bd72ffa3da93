"""Users, passwords and API keys of the gateway.

- Passwords: Argon2id (argon2-cffi defaults), verified in a native thread so the event loop keeps
  serving other requests meanwhile.
- Lockout after failed logins: gateway.lockout; what makes a password acceptable: gateway.passwords.
- API keys for other agencies' machine clients: `ak_<id>.<secret>`; only a SHA-256 of the secret
  is stored (the secret is 256 random bits, so a fast hash is enough); read-only (viewer) unless
  granted more; revocable.
"""
import hashlib
import hmac
import secrets
from datetime import datetime, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from eventlet import tpool

API_KEY_PREFIX = "ak_"

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("timing-equaliser-for-unknown-users")


def hash_password(password):
    return tpool.execute(_hasher.hash, password)


def verify_password(password_hash, password):
    try:
        return tpool.execute(_hasher.verify, password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def now_utc():
    return datetime.now(timezone.utc)


def new_api_key(agency, roles, unit_id, created_by):
    key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    record = {"key_id": key_id, "agency": agency, "roles": list(roles), "unit_id": unit_id,
              "secret_hash": _digest(secret), "created_at": now_utc().isoformat(), "created_by": created_by,
              "revoked_at": None}
    return record, "{}{}.{}".format(API_KEY_PREFIX, key_id, secret)


def parse_api_key(presented):
    if not presented.startswith(API_KEY_PREFIX) or "." not in presented:
        return None, None
    key_id, _, secret = presented[len(API_KEY_PREFIX):].partition(".")
    return key_id, secret


def api_key_matches(record, secret):
    return record is not None and not record.get("revoked_at") and \
        hmac.compare_digest(record["secret_hash"], _digest(secret))


def _digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()
