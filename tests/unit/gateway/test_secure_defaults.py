"""Off loopback the gateway refuses public or weak credentials; on loopback it warns."""
import logging
import os
import re
from pathlib import Path

import pytest

from gateway import secure_defaults
from gateway.secure_defaults import InsecureSettings
from services.common.config import load_config

ROOT = Path(__file__).resolve().parents[3]
OWN = {"GATEWAY_ADMIN_USER": "admin", "GATEWAY_ADMIN_PASSWORD": "mangrove-otter-lantern-42",
       "GATEWAY_JWT_SECRET": "kQ3v9Zt0y1Lr8mWb2XcPe7HsJd4Gf6NaUo5Ti"}


def settings(address, **changes):
    return dict(OWN, WEB_SERVER_ADDRESS=address, **changes)


def test_the_known_values_are_exactly_config_ymls_defaults_and_env_examples_placeholders(monkeypatch):
    for name in secure_defaults.KNOWN_VALUES:
        monkeypatch.delenv(name, raising=False)
    defaults = load_config(ROOT / "config.yml")
    example = dict(re.findall(r"^([A-Z_]+)=(.*)$", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M))
    for name, known in secure_defaults.KNOWN_VALUES.items():
        assert sorted(known) == sorted([defaults[name], example[name]]), name


def test_the_default_address_is_this_machine_only(monkeypatch):
    monkeypatch.delenv("WEB_SERVER_ADDRESS", raising=False)
    assert load_config(ROOT / "config.yml")["WEB_SERVER_ADDRESS"] == "127.0.0.1:8000"


@pytest.mark.parametrize("address,loopback", [("127.0.0.1:8000", True), ("127.0.0.2:80", True),
                                              ("localhost:8000", True), ("[::1]:8000", True),
                                              ("0.0.0.0:8000", False), ("10.1.2.3:8000", False),
                                              (":8000", False), ("gateway.example:8000", False)])
def test_only_loopback_addresses_count_as_this_machine(address, loopback):
    assert secure_defaults.is_loopback(address) is loopback


@pytest.mark.parametrize("name", sorted(secure_defaults.KNOWN_VALUES))
@pytest.mark.parametrize("which", [0, 1])
def test_a_default_or_placeholder_secret_refuses_to_start_off_loopback_and_says_what_to_set(name, which):
    value = secure_defaults.KNOWN_VALUES[name][which]
    with pytest.raises(InsecureSettings) as error:
        secure_defaults.check(settings("0.0.0.0:8000", **{name: value}))
    assert "set {} to".format(name) in str(error.value) and "0.0.0.0:8000" in str(error.value)


def test_a_missing_address_is_nameko_s_every_interface_and_is_refused_too():
    config = dict(OWN, GATEWAY_JWT_SECRET=secure_defaults.KNOWN_VALUES["GATEWAY_JWT_SECRET"][0])
    with pytest.raises(InsecureSettings):
        secure_defaults.check(config)


def test_a_weak_admin_password_refuses_to_start_off_loopback():
    with pytest.raises(InsecureSettings) as error:
        secure_defaults.check(settings("0.0.0.0:8000", GATEWAY_ADMIN_PASSWORD="aaaaaaaaaaaa"))
    assert "GATEWAY_ADMIN_PASSWORD is weak" in str(error.value)


def test_a_stored_admin_still_on_a_default_password_refuses_to_start_off_loopback():
    with pytest.raises(InsecureSettings) as error:
        secure_defaults.check(settings("0.0.0.0:8000"), stored_admin_has_public_password=lambda: True)
    assert "POST /api/v1/auth/password" in str(error.value)


def test_own_secrets_start_on_every_interface():
    secure_defaults.check(settings("0.0.0.0:8000"))


def test_defaults_on_loopback_start_with_a_loud_warning(caplog):
    config = settings("127.0.0.1:8000", GATEWAY_ADMIN_PASSWORD="change-me-now")
    with caplog.at_level(logging.WARNING, logger="gateway.secure_defaults"):
        secure_defaults.check(config)
    assert "INSECURE SETTINGS" in caplog.text and "GATEWAY_ADMIN_PASSWORD" in caplog.text
