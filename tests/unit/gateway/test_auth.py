"""Bearer tokens: issued for the configured admin only, short-lived, role-checked."""
import time

import jwt
import pytest

from gateway.auth import ALGORITHM, Authenticator
from gateway.errors import HttpError

SECRET = "x" * 40


class FakeRequest:
    def __init__(self, authorization=None):
        self.headers = {"Authorization": authorization} if authorization else {}


@pytest.fixture
def auth():
    return Authenticator(SECRET, 60, "admin", "s3cret-pass")


def test_the_configured_admin_gets_a_bearer_token_that_identifies_them(auth):
    token = auth.login("admin", "s3cret-pass")
    principal = auth.principal(FakeRequest("Bearer " + token["access_token"]))
    assert principal == {"subject": "admin", "roles": ["admin"]}
    assert token["expires_in"] == 60


@pytest.mark.parametrize("username,password", [("admin", "wrong"), ("root", "s3cret-pass"), ("", "")])
def test_wrong_credentials_are_refused_with_401(auth, username, password):
    with pytest.raises(HttpError) as error:
        auth.login(username, password)
    assert error.value.status == 401


def test_a_request_without_a_token_is_401_with_a_bearer_challenge(auth):
    with pytest.raises(HttpError) as error:
        auth.principal(FakeRequest())
    assert error.value.status == 401 and error.value.headers["WWW-Authenticate"] == "Bearer"


def test_an_expired_token_is_refused(auth):
    now = int(time.time())
    expired = jwt.encode({"sub": "admin", "roles": ["admin"], "iat": now - 120, "exp": now - 60,
                          "iss": "camau-civilservice-gateway"}, SECRET, algorithm=ALGORITHM)
    with pytest.raises(HttpError) as error:
        auth.principal(FakeRequest("Bearer " + expired))
    assert error.value.code == "TOKEN_EXPIRED"


def test_a_token_signed_with_another_key_is_refused(auth):
    forged = jwt.encode({"sub": "admin", "roles": ["admin"], "iat": int(time.time()),
                         "exp": int(time.time()) + 60, "iss": "camau-civilservice-gateway"},
                        "y" * 40, algorithm=ALGORITHM)
    with pytest.raises(HttpError) as error:
        auth.principal(FakeRequest("Bearer " + forged))
    assert error.value.code == "INVALID_TOKEN"


def test_a_role_outside_the_route_roles_is_403(auth):
    viewer = auth.principal(FakeRequest("Bearer " + auth.issue("an", ["viewer"])["access_token"]))
    with pytest.raises(HttpError) as error:
        auth.require(viewer, ("admin", "hr_officer"))
    assert error.value.status == 403


def test_a_short_signing_secret_is_refused_at_start():
    with pytest.raises(ValueError):
        Authenticator("short", 60, "admin", "pw")
