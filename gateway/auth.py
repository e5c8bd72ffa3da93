"""Who is calling: bearer tokens (short-lived JWT) for people, API keys for other agencies' machines.

A principal is {"subject", "roles", "unit_id" (None = whole province), "kind"}. The user record is
read on every request, so a deactivated user or a changed role takes effect at once. A token carries
its user's token generation (`gen`): changing the password, deactivating or reactivating the account
moves the generation on, so every token issued before is refused.
"""
import time
import uuid

import jwt
from nameko.extensions import DependencyProvider

from gateway import identity, secure_defaults
from gateway.errors import HttpError
from gateway.lockout import DEFAULT_FAILURES, DEFAULT_SECONDS, Lockout
from gateway.roles import ROLES
from gateway.store import GatewayStore
from services.common import embedded_guard


ALGORITHM = "HS256"
ISSUER = "camau-civilservice-gateway"
_INVALID = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
VERIFIED_TOKENS_KEPT = 4096   # tokens whose signature was checked once (their expiry is checked every time)


def granted_roles(roles, unit_id):
    """The known roles a principal holds. `admin` is province-wide: accounts, API keys and the audit trail
    belong to no unit, so a principal scoped to a unit never holds it (the schemas refuse that pairing;
    this also disarms one stored before they did)."""
    return [role for role in roles if role in ROLES and not (role == "admin" and unit_id is not None)]


class Authenticator:
    def __init__(self, secret, ttl_seconds, store, lockout=None):
        if len(secret) < 32:
            raise ValueError("GATEWAY_JWT_SECRET must be at least 32 characters")
        self.secret, self.ttl, self.store = secret, int(ttl_seconds), store
        self.lockout = lockout or Lockout(store)
        self._verified = {}

    def bootstrap_admin(self, username, password):
        """The first administrator comes from GATEWAY_ADMIN_USER / GATEWAY_ADMIN_PASSWORD (first start only)."""
        if self.store.find_user(username) is None:
            self.store.add_user({"username": username, "password_hash": identity.hash_password(password),
                                 "roles": ["admin"], "unit_id": None, "active": True, "token_generation": 0,
                                 "full_name": "Administrator"})

    def administrator_ready(self, username):
        """The first administrator exists (bootstrap_admin has run): logging in can succeed."""
        try:
            return self.store.find_user(username) is not None
        except Exception:   # storage failing: not ready, said so by /ready rather than raised
            return False

    def has_password(self, username, candidates):
        user = self.store.find_user(username)
        return user is not None and any(identity.verify_password(user["password_hash"], c) for c in candidates)

    def login(self, username, password, client):
        return self.issue(self.authenticate(username, password, client))

    def authenticate(self, username, password, client):
        """The user, or 401 / 429 answered alike for known and unknown usernames (see gateway.lockout)."""
        wait = self.lockout.seconds_left(username, client)
        if wait:
            raise HttpError(429, "ACCOUNT_LOCKED", "too many failed logins; try again in {} s".format(wait),
                            headers={"Retry-After": str(wait)})
        user = self.store.find_user(username)
        # An unknown username is checked against a dummy hash: the same work, the same time.
        if not identity.verify_password(user and user["password_hash"], password) or not user["active"]:
            self.lockout.failed(username, client)
            raise HttpError(401, "INVALID_CREDENTIALS", "wrong username or password")
        self.lockout.succeeded(username, client)
        return user

    def set_password(self, username, password):
        """A new password: every token issued before stops working, every lock of the account is lifted."""
        self.store.update_user(username, {"password_hash": identity.hash_password(password)}, revoke_tokens=True)
        self.lockout.forget(username)

    def issue(self, user):
        now = int(time.time())
        claims = {"sub": user["username"], "roles": list(user["roles"]), "unit": user.get("unit_id"), "iat": now,
                  "exp": now + self.ttl, "iss": ISSUER, "jti": uuid.uuid4().hex,
                  "gen": user.get("token_generation", 0)}
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
        if claims.get("gen", 0) != user.get("token_generation", 0):
            raise HttpError(401, "INVALID_TOKEN", "the password or the account changed since this token was "
                            "issued; log in again", headers=_INVALID)
        return {"subject": claims["sub"], "roles": granted_roles(user["roles"], user.get("unit_id")),
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
        return {"subject": "apikey:" + key_id, "roles": granted_roles(record["roles"], record.get("unit_id")),
                "unit_id": record.get("unit_id"), "kind": "api_key", "agency": record["agency"]}

    @staticmethod
    def require(principal, roles):
        if not set(principal["roles"]) & set(roles):
            raise HttpError(403, "FORBIDDEN", "this action needs one of the roles: " + ", ".join(roles))


class Auth(DependencyProvider):
    def setup(self):
        config = self.container.config
        # Users and keys: one gateway process, on this machine, on the embedded store.
        embedded_guard.hold(config, "gateway", listens=("WEB_SERVER_ADDRESS", config.get("WEB_SERVER_ADDRESS")))
        self.store = GatewayStore.from_config(config)
        lockout = Lockout(self.store, config.get("GATEWAY_LOCKOUT_FAILURES", DEFAULT_FAILURES),
                          config.get("GATEWAY_LOCKOUT_SECONDS", DEFAULT_SECONDS))
        self.authenticator = Authenticator(str(config["GATEWAY_JWT_SECRET"]),
                                           config.get("GATEWAY_TOKEN_TTL_SECONDS", 900), self.store, lockout)
        admin = str(config["GATEWAY_ADMIN_USER"])
        secure_defaults.check(config, lambda: self.authenticator.has_password(
            admin, secure_defaults.KNOWN_VALUES["GATEWAY_ADMIN_PASSWORD"]))

    def start(self):
        config = self.container.config
        self.authenticator.bootstrap_admin(str(config["GATEWAY_ADMIN_USER"]), str(config["GATEWAY_ADMIN_PASSWORD"]))

    def stop(self):
        embedded_guard.release(self.container.config, "gateway")

    def kill(self):
        self.stop()

    def get_dependency(self, worker_ctx):
        return self.authenticator
