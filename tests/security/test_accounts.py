"""Finding 2 of issue #12: old tokens after a password or status change, lockouts, guessable passwords."""
import mongomock
import pytest

from gateway import identity
from gateway.auth import Auth, Authenticator
from gateway.errors import HttpError
from gateway.lockout import Lockout
from gateway.store import GatewayStore
from tests.helpers import ManualClock
from tests.security.conftest import ADMIN_PASSWORD, gateway_dependency

PASSWORD = "ferry-pagoda-heron-71"
TOKEN = "/api/v1/auth/token"


def create_user(api, username="hoa.hr", password=PASSWORD):
    return api.created("/api/v1/users", {"username": username, "full_name": "Trần Thị Hoa", "password": password,
                                         "roles": ["hr_officer"]})


def log_in(anonymous, username, password, client="192.0.2.10"):
    return anonymous.session.post(anonymous.base_url + TOKEN, json={"username": username, "password": password},
                                  headers={"X-Forwarded-For": client}, timeout=15)


def bearer(answer):
    return {"Authorization": "Bearer " + answer.json()["access_token"]}


def get(anonymous, path, headers):
    return anonymous.session.get(anonymous.base_url + path, headers=headers, timeout=15)


def test_a_token_issued_before_a_password_change_is_refused_and_the_change_answers_a_working_token(api, anonymous):
    create_user(api)
    before = bearer(log_in(anonymous, "hoa.hr", PASSWORD))
    changed = anonymous.session.post(anonymous.base_url + "/api/v1/auth/password", headers=before, timeout=15,
                                     json={"current_password": PASSWORD, "password": "lotus-sampan-cadre-58"})
    assert changed.status_code == 200, changed.text
    refused = get(anonymous, "/api/v1/officials", before)
    assert refused.status_code == 401 and refused.json()["error"] == "INVALID_TOKEN"
    assert get(anonymous, "/api/v1/officials", bearer(changed)).status_code == 200
    assert log_in(anonymous, "hoa.hr", PASSWORD).status_code == 401
    assert log_in(anonymous, "hoa.hr", "lotus-sampan-cadre-58").status_code == 200


def test_a_token_issued_before_an_administrators_password_reset_is_refused(api, anonymous):
    create_user(api)
    before = bearer(log_in(anonymous, "hoa.hr", PASSWORD))
    assert api.post("/api/v1/users/hoa.hr/password", {"password": "lotus-sampan-cadre-58"}).status_code == 200
    assert get(anonymous, "/api/v1/officials", before).status_code == 401


def test_a_token_issued_before_a_deactivation_stays_refused_after_the_reactivation(api, anonymous):
    create_user(api)
    before = bearer(log_in(anonymous, "hoa.hr", PASSWORD))
    assert api.post("/api/v1/users/hoa.hr/deactivate").status_code == 200
    assert api.post("/api/v1/users/hoa.hr/activate").status_code == 200
    assert get(anonymous, "/api/v1/officials", before).status_code == 401
    assert get(anonymous, "/api/v1/officials", bearer(log_in(anonymous, "hoa.hr", PASSWORD))).status_code == 200


def test_changing_ones_own_password_needs_the_current_one(api, anonymous):
    create_user(api)
    token = bearer(log_in(anonymous, "hoa.hr", PASSWORD))
    wrong = anonymous.session.post(anonymous.base_url + "/api/v1/auth/password", headers=token, timeout=15,
                                   json={"current_password": "not-my-password", "password": "lotus-sampan-cadre-58"})
    assert wrong.status_code == 400 and "current_password" in wrong.json()["fields"]
    assert get(anonymous, "/api/v1/officials", token).status_code == 200


def test_five_wrong_passwords_from_one_address_do_not_lock_the_account_for_another(api, anonymous):
    attacker, owner = "203.0.113.66", "198.51.100.7"
    assert [log_in(anonymous, "admin", "guess-{}".format(n), attacker).status_code for n in range(5)] == [401] * 5
    assert log_in(anonymous, "admin", ADMIN_PASSWORD, attacker).status_code == 429
    assert log_in(anonymous, "admin", ADMIN_PASSWORD, owner).status_code == 200


def answers(anonymous, username, client):
    """(status, body, Retry-After) of six wrong logins in a row: five counted failures, then the lock."""
    seen = []
    for _ in range(6):
        answer = log_in(anonymous, username, "wrong-password-1", client)
        body = answer.json()
        seen.append((answer.status_code, body["error"], body["message"], body["fields"],
                     "Retry-After" in answer.headers))
    return seen


def test_unknown_and_known_usernames_get_identical_answers_locks_included(api, anonymous):
    create_user(api)
    known, unknown = answers(anonymous, "hoa.hr", "192.0.2.21"), answers(anonymous, "no.such.user", "192.0.2.22")
    assert known == unknown
    assert [status for status, *_ in known] == [401] * 5 + [429]


def test_unknown_and_known_usernames_take_the_same_work_one_password_hash_check_each(monkeypatch):
    store = GatewayStore(mongomock.MongoClient().gateway)
    auth = Authenticator("x" * 40, 60, store)
    auth.bootstrap_admin("admin", ADMIN_PASSWORD)
    checked = []
    real = identity.verify_password
    monkeypatch.setattr(identity, "verify_password",
                        lambda stored, given: checked.append(stored) or real(stored, given))
    for username in ("admin", "no.such.user"):
        with pytest.raises(HttpError):
            auth.login(username, "wrong-password-1", "192.0.2.30")
    assert len(checked) == 2


def test_after_the_lock_expires_one_wrong_try_does_not_lock_again(api, anonymous, system):
    clock = ManualClock(1_000_000.0)
    lockout = gateway_dependency(system, Auth).authenticator.lockout
    assert isinstance(lockout, Lockout)
    lockout.clock = clock
    client = "192.0.2.40"
    assert [log_in(anonymous, "admin", "wrong-password-1", client).status_code for _ in range(6)] == [401] * 5 + [429]
    clock.now += lockout.seconds + 1
    assert log_in(anonymous, "admin", "wrong-password-1", client).status_code == 401
    assert log_in(anonymous, "admin", ADMIN_PASSWORD, client).status_code == 200


WEAK = [("aaaaaaaaaaaa", "too easy to guess"), ("hoa.hr-mangrove-otter", "must not contain the username")]


@pytest.mark.parametrize("password,reason", WEAK)
def test_a_guessable_password_or_one_containing_the_username_is_refused_for_a_new_user(api, password, reason):
    refused = api.post("/api/v1/users", {"username": "hoa.hr", "full_name": "Trần Thị Hoa", "password": password,
                                         "roles": ["viewer"]})
    assert refused.status_code == 400 and refused.json()["error"] == "WEAK_PASSWORD"
    assert reason in refused.json()["fields"]["password"]


@pytest.mark.parametrize("password,reason", WEAK)
def test_a_guessable_password_or_one_containing_the_username_is_refused_as_a_new_password(api, anonymous,
                                                                                        password, reason):
    create_user(api)
    by_admin = api.post("/api/v1/users/hoa.hr/password", {"password": password})
    assert by_admin.status_code == 400 and reason in by_admin.json()["fields"]["password"]
    own = anonymous.session.post(anonymous.base_url + "/api/v1/auth/password", timeout=15,
                                 headers=bearer(log_in(anonymous, "hoa.hr", PASSWORD)),
                                 json={"current_password": PASSWORD, "password": password})
    assert own.status_code == 400 and reason in own.json()["fields"]["password"]
