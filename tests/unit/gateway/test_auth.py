"""People log in for short-lived tokens; agencies call with API keys; failures lock an account for the
address they came from; a password change or a deactivation revokes earlier tokens."""
import time

import jwt
import mongomock
import pytest
from argon2 import Type

import tests.conftest
from gateway import identity
from gateway.auth import ALGORITHM, ISSUER, Authenticator
from gateway.errors import HttpError
from gateway.lockout import DEFAULT_FAILURES
from gateway.store import GatewayStore

SECRET = "x" * 40
CLIENT = "10.0.0.1"


class FakeRequest:
    def __init__(self, authorization=None, api_key=None):
        self.headers = {}
        if authorization:
            self.headers["Authorization"] = authorization
        if api_key:
            self.headers["X-API-Key"] = api_key


@pytest.fixture
def store():
    return GatewayStore(mongomock.MongoClient().gateway)


@pytest.fixture
def auth(store):
    authenticator = Authenticator(SECRET, 60, store)
    authenticator.bootstrap_admin("admin", "s3cret-pass-long")
    return authenticator


def bearer(token):
    return FakeRequest("Bearer " + token["access_token"])


def test_the_bootstrap_admin_is_stored_with_an_argon2id_hash_not_the_password(store, auth):
    user = store.find_user("admin")
    assert user["password_hash"].startswith("$argon2id$")
    assert "s3cret-pass-long" not in str(user)


def test_the_gateway_hashes_passwords_with_argon2id_at_rfc_9106_low_memory_cost_the_suite_at_the_lowest():
    production = tests.conftest.PRODUCTION_PASSWORD_HASHER
    assert (production.type, production.time_cost, production.memory_cost, production.parallelism) == \
        (Type.ID, 3, 64 * 1024, 4)
    assert identity._hasher.type == Type.ID and identity._DUMMY_HASH.startswith("$argon2id$")


def test_the_admin_gets_a_bearer_token_that_identifies_them(auth):
    principal = auth.principal(bearer(auth.login("admin", "s3cret-pass-long", CLIENT)))
    assert principal["subject"] == "admin" and principal["roles"] == ["admin"]


@pytest.mark.parametrize("username,password", [("admin", "wrong"), ("root", "s3cret-pass-long"), ("", "")])
def test_wrong_credentials_are_refused_with_401(auth, username, password):
    with pytest.raises(HttpError) as error:
        auth.login(username, password, CLIENT)
    assert error.value.status == 401


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(auth):
    for _ in range(DEFAULT_FAILURES):
        with pytest.raises(HttpError):
            auth.login("admin", "wrong", CLIENT)
    with pytest.raises(HttpError) as error:
        auth.login("admin", "s3cret-pass-long", CLIENT)
    assert error.value.status == 429 and error.value.code == "ACCOUNT_LOCKED"
    assert int(error.value.headers["Retry-After"]) > 0


def test_a_successful_login_resets_the_failure_count(auth, store):
    for _ in range(DEFAULT_FAILURES - 1):
        with pytest.raises(HttpError):
            auth.login("admin", "wrong", CLIENT)
    auth.login("admin", "s3cret-pass-long", CLIENT)
    assert store.find_login_failures("admin", CLIENT) is None


def test_a_request_without_credentials_is_401_with_a_bearer_challenge(auth):
    with pytest.raises(HttpError) as error:
        auth.principal(FakeRequest())
    assert error.value.status == 401 and error.value.headers["WWW-Authenticate"] == "Bearer"


def test_an_expired_token_is_refused(auth):
    now = int(time.time())
    expired = jwt.encode({"sub": "admin", "roles": ["admin"], "iat": now - 120, "exp": now - 60, "iss": ISSUER},
                         SECRET, algorithm=ALGORITHM)
    with pytest.raises(HttpError) as error:
        auth.principal(FakeRequest("Bearer " + expired))
    assert error.value.code == "TOKEN_EXPIRED"


def test_a_token_verified_once_is_still_refused_when_it_expires(auth, monkeypatch):
    token = auth.login("admin", "s3cret-pass-long", CLIENT)
    assert auth.principal(bearer(token))["subject"] == "admin"
    later = time.time() + 61          # the token lives 60 s
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(HttpError) as error:
        auth.principal(bearer(token))
    assert error.value.code == "TOKEN_EXPIRED"


def test_a_tampered_token_is_refused(auth):
    token = auth.login("admin", "s3cret-pass-long", CLIENT)["access_token"]
    header, payload, signature = token.split(".")
    with pytest.raises(HttpError) as error:
        auth.principal(FakeRequest("Bearer " + ".".join([header, payload, signature[::-1]])))
    assert error.value.code == "INVALID_TOKEN"


def test_a_deactivated_users_token_stops_working_at_once(auth, store):
    token = auth.login("admin", "s3cret-pass-long", CLIENT)
    store.update_user("admin", {"active": False})
    with pytest.raises(HttpError) as error:
        auth.principal(bearer(token))
    assert error.value.status == 401


def test_roles_are_read_from_the_user_not_trusted_from_the_token(auth, store):
    token = auth.login("admin", "s3cret-pass-long", CLIENT)
    store.update_user("admin", {"roles": ["viewer"]})
    assert auth.principal(bearer(token))["roles"] == ["viewer"]


def test_an_api_key_is_read_only_by_default_and_revocable(auth, store):
    record, presented = identity.new_api_key("Sở Tài chính", ["viewer"], None, "admin")
    store.add_api_key(record)
    principal = auth.principal(FakeRequest(api_key=presented))
    assert principal["roles"] == ["viewer"] and principal["kind"] == "api_key"
    with pytest.raises(HttpError):
        auth.require(principal, ("admin", "hr_officer"))
    store.revoke_api_key(record["key_id"], "2026-01-01T00:00:00+00:00")
    with pytest.raises(HttpError) as error:
        auth.principal(FakeRequest(api_key=presented))
    assert error.value.code == "INVALID_API_KEY"


def test_an_api_key_with_a_wrong_secret_is_refused(auth, store):
    record, presented = identity.new_api_key("Sở Tài chính", ["viewer"], None, "admin")
    store.add_api_key(record)
    with pytest.raises(HttpError):
        auth.principal(FakeRequest(api_key=presented[:-2] + "xx"))


def test_a_short_signing_secret_is_refused_at_start(store):
    with pytest.raises(ValueError):
        Authenticator("short", 60, store)


def test_a_token_issued_before_a_password_change_is_refused_and_a_new_one_works(auth):
    before = auth.login("admin", "s3cret-pass-long", CLIENT)
    auth.set_password("admin", "an-entirely-new-passphrase")
    with pytest.raises(HttpError) as error:
        auth.principal(bearer(before))
    assert error.value.code == "INVALID_TOKEN"
    assert auth.principal(bearer(auth.login("admin", "an-entirely-new-passphrase", CLIENT)))["subject"] == "admin"


def test_a_token_issued_before_a_deactivation_stays_refused_after_the_reactivation(auth, store):
    before = auth.login("admin", "s3cret-pass-long", CLIENT)
    store.update_user("admin", {"active": False}, revoke_tokens=True)
    store.update_user("admin", {"active": True}, revoke_tokens=True)
    with pytest.raises(HttpError) as error:
        auth.principal(bearer(before))
    assert error.value.code == "INVALID_TOKEN"


def test_a_password_change_lifts_the_lockout_of_every_address(auth):
    for _ in range(DEFAULT_FAILURES):
        with pytest.raises(HttpError):
            auth.login("admin", "wrong", CLIENT)
    auth.set_password("admin", "an-entirely-new-passphrase")
    assert auth.login("admin", "an-entirely-new-passphrase", CLIENT)["access_token"]


def test_the_admin_role_is_never_granted_to_a_principal_scoped_to_a_unit():
    from gateway.auth import granted_roles
    assert granted_roles(["admin", "hr_officer", "unknown"], None) == ["admin", "hr_officer"]
    assert granted_roles(["admin", "hr_officer"], "unit-sct") == ["hr_officer"]
