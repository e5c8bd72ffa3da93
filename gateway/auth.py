"""Bearer tokens (JWT, HS256, short-lived) and role checks.

Issue 2 scope: one admin account from GATEWAY_ADMIN_USER / GATEWAY_ADMIN_PASSWORD. Users with
hashed passwords, unit scopes and API keys come with the gateway issue (#7).
"""
import hmac
import time
import uuid

import jwt
from nameko.extensions import DependencyProvider

from gateway.errors import HttpError

ROLES = ("admin", "hr_officer", "trainer", "inspector", "feedback_officer", "viewer")
ALGORITHM = "HS256"
ISSUER = "camau-civilservice-gateway"


class Authenticator:
    def __init__(self, secret, ttl_seconds, admin_user, admin_password):
        if len(secret) < 32:
            raise ValueError("GATEWAY_JWT_SECRET must be at least 32 characters")
        self.secret, self.ttl = secret, int(ttl_seconds)
        self.admin_user, self.admin_password = admin_user, admin_password

    def login(self, username, password):
        ok_user = hmac.compare_digest(username.encode(), self.admin_user.encode())
        ok_password = hmac.compare_digest(password.encode(), self.admin_password.encode())
        if not (ok_user and ok_password):
            raise HttpError(401, "INVALID_CREDENTIALS", "wrong username or password")
        return self.issue(username, ["admin"])

    def issue(self, subject, roles):
        now = int(time.time())
        claims = {"sub": subject, "roles": list(roles), "iat": now, "exp": now + self.ttl,
                  "iss": ISSUER, "jti": uuid.uuid4().hex}
        return {"access_token": jwt.encode(claims, self.secret, algorithm=ALGORITHM),
                "token_type": "Bearer", "expires_in": self.ttl}

    def principal(self, request):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HttpError(401, "UNAUTHENTICATED", "a bearer token is required",
                            headers={"WWW-Authenticate": "Bearer"})
        try:
            claims = jwt.decode(token, self.secret, algorithms=[ALGORITHM], issuer=ISSUER,
                                options={"require": ["exp", "sub", "iat"]})
        except jwt.ExpiredSignatureError:
            raise HttpError(401, "TOKEN_EXPIRED", "the token has expired; ask for a new one",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}) from None
        except jwt.InvalidTokenError:
            raise HttpError(401, "INVALID_TOKEN", "the token is not valid",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}) from None
        return {"subject": claims["sub"], "roles": [r for r in claims.get("roles", []) if r in ROLES]}

    @staticmethod
    def require(principal, roles):
        if not set(principal["roles"]) & set(roles):
            raise HttpError(403, "FORBIDDEN", "this action needs one of the roles: " + ", ".join(roles))


class Auth(DependencyProvider):
    def setup(self):
        config = self.container.config
        self.authenticator = Authenticator(
            str(config["GATEWAY_JWT_SECRET"]), config.get("GATEWAY_TOKEN_TTL_SECONDS", 900),
            str(config["GATEWAY_ADMIN_USER"]), str(config["GATEWAY_ADMIN_PASSWORD"]))

    def get_dependency(self, worker_ctx):
        return self.authenticator
