"""Who is calling: bearer tokens (short-lived JWT) for people, API keys for other agencies' machines.

A principal is {"subject", "roles", "unit_id" (None = whole province), "kind"}. The user record is
read on every request, so a deactivated user or a changed role takes effect at once.
"""
import time
import uuid

import jwt
from nameko.extensions import DependencyProvider

from gateway import identity
from gateway.errors import HttpError
from gateway.store import GatewayStore

ROLES = ("admin", "hr_officer", "trainer", "inspector", "feedback_officer", "viewer")
ALGORITHM = "HS256"
ISSUER = "camau-civilservice-gateway"
_INVALID = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
VERIFIED_TOKENS_KEPT = 4096   # tokens whose signature was checked once (their expiry is checked every time)


class Authenticator:
    def __init__(self, secret, ttl_seconds, store):
        if len(secret) < 32:
            raise ValueError("GATEWAY_JWT_SECRET must be at least 32 characters")
        self.secret, self.ttl, self.store = secret, int(ttl_seconds), store
        self._verified = {}

    def bootstrap_admin(self, username, password):
        """The first administrator comes from GATEWAY_ADMIN_USER / GATEWAY_ADMIN_PASSWORD."""
        if self.store.find_user(username) is None:
            self.store.add_user({"username": username, "password_hash": identity.hash_password(password),
                                 "roles": ["admin"], "unit_id": None, "active": True, "failed_logins": 0,
                                 "locked_until": None, "full_name": "Administrator"})

    def login(self, username, password):
        now = identity.now_utc()
        user = self.store.find_user(username)
        if user is not None and identity.seconds_locked(user, now):
            wait = identity.seconds_locked(user, now)
            raise HttpError(429, "ACCOUNT_LOCKED", "too many failed logins; try again in {} s".format(wait),
                            headers={"Retry-After": str(wait)})
        if not identity.verify_password(user and user["password_hash"], password) or not user["active"]:
            if user is not None:
                self.store.record_failed_login(username, (identity.LOCKOUT_FAILURES, identity.lock_deadline(now)))
            raise HttpError(401, "INVALID_CREDENTIALS", "wrong username or password")
        self.store.update_user(username, {"failed_logins": 0, "locked_until": None})
        return self.issue(username, user["roles"], user.get("unit_id"))

    def issue(self, subject, roles, unit_id=None):
        now = int(time.time())
        claims = {"sub": subject, "roles": list(roles), "unit": unit_id, "iat": now, "exp": now + self.ttl,
                  "iss": ISSUER, "jti": uuid.uuid4().hex}
        return {"access_token": jwt.encode(claims, self.secret, algorithm=ALGORITHM),
                "token_type": "Bearer", "expires_in": self.ttl}

    def principal(self, request):
        api_key = request.headers.get("X-API-Key")
        if api_key:
            return self._agency(api_key)
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HttpError(401, "UNAUTHENTICATED", "a bearer token or an API key is required",
                            headers={"WWW-Authenticate": "Bearer"})
        try:
            claims = self._claims(token)
        except jwt.ExpiredSignatureError:
            raise HttpError(401, "TOKEN_EXPIRED", "the token has expired; ask for a new one", headers=_INVALID) from None
        except jwt.InvalidTokenError:
            raise HttpError(401, "INVALID_TOKEN", "the token is not valid", headers=_INVALID) from None
        user = self.store.find_user(claims["sub"])
        if user is None or not user["active"]:
            raise HttpError(401, "INVALID_TOKEN", "this account is no longer active", headers=_INVALID)
        return {"subject": claims["sub"], "roles": [r for r in user["roles"] if r in ROLES],
                "unit_id": user.get("unit_id"), "kind": "user"}

    def _claims(self, token):
        """The token's verified claims. Verifying a signature costs more than the rest of a read, and a
        client sends the same token for its whole life: one already verified is only checked for expiry."""
        claims = self._verified.get(token)
        if claims is None:
            claims = jwt.decode(token, self.secret, algorithms=[ALGORITHM], issuer=ISSUER,
                                options={"require": ["exp", "sub", "iat"]})
            if len(self._verified) >= VERIFIED_TOKENS_KEPT:
                self._verified.pop(next(iter(self._verified)))   # the oldest first
            self._verified[token] = claims
        elif claims["exp"] <= time.time():
            del self._verified[token]
            raise jwt.ExpiredSignatureError("Signature has expired")
        return claims

    def _agency(self, presented):
        key_id, secret = identity.parse_api_key(presented)
        record = self.store.find_api_key(key_id) if key_id else None
        if not identity.api_key_matches(record, secret or ""):
            raise HttpError(401, "INVALID_API_KEY", "the API key is unknown or revoked")
        return {"subject": "apikey:" + key_id, "roles": [r for r in record["roles"] if r in ROLES],
                "unit_id": record.get("unit_id"), "kind": "api_key", "agency": record["agency"]}

    @staticmethod
    def require(principal, roles):
        if not set(principal["roles"]) & set(roles):
            raise HttpError(403, "FORBIDDEN", "this action needs one of the roles: " + ", ".join(roles))


class Auth(DependencyProvider):
    def setup(self):
        config = self.container.config
        self.store = GatewayStore.from_config(config)
        self.authenticator = Authenticator(str(config["GATEWAY_JWT_SECRET"]),
                                           config.get("GATEWAY_TOKEN_TTL_SECONDS", 900), self.store)

    def start(self):
        config = self.container.config
        self.authenticator.bootstrap_admin(str(config["GATEWAY_ADMIN_USER"]), str(config["GATEWAY_ADMIN_PASSWORD"]))

    def get_dependency(self, worker_ctx):
        return self.authenticator
