"""Finding 1 of issue #12: the shipped secrets are public, so the gateway does not use them beyond this machine."""
import time

import jwt
import pytest
import requests

from gateway.auth import ALGORITHM, ISSUER
from gateway.secure_defaults import KNOWN_VALUES, InsecureSettings
from gateway.service import GatewayService
from services.common.embedded_guard import EmbeddedStoreRefused
from tests.e2e.conftest import free_port

OLD_DEFAULT_SECRET = "dev-only-secret-change-me-32-bytes-long"
OWN_PASSWORD = "mangrove-otter-lantern-42"
OWN_SECRET = "kQ3v9Zt0y1Lr8mWb2XcPe7HsJd4Gf6NaUo5TiRw"


def admin_token(secret):
    now = int(time.time())
    return jwt.encode({"sub": "admin", "roles": ["admin"], "iat": now, "exp": now + 60, "iss": ISSUER},
                      secret, algorithm=ALGORITHM)


def test_a_token_signed_with_the_old_default_secret_is_refused(anonymous, system_config):
    forged = anonymous.session.get(anonymous.base_url + "/api/v1/users",
                                   headers={"Authorization": "Bearer " + admin_token(OLD_DEFAULT_SECRET)})
    assert forged.status_code == 401 and forged.json()["error"] == "INVALID_TOKEN"
    own_secret = admin_token(system_config["GATEWAY_JWT_SECRET"])
    genuine = anonymous.session.get(anonymous.base_url + "/api/v1/users",
                                    headers={"Authorization": "Bearer " + own_secret})
    assert genuine.status_code == 200


def gateway_settings(config, address, **secrets):
    # These tests are about secrets: the embedded store, refused beyond loopback on its own account (below), is
    # allowed here as for a trial.
    settings = dict(config, WEB_SERVER_ADDRESS="{}:{}".format(address, free_port()), GATEWAY_ADMIN_USER="admin",
                    GATEWAY_ADMIN_PASSWORD=OWN_PASSWORD, GATEWAY_JWT_SECRET=OWN_SECRET, ALLOW_EMBEDDED_STORE=True)
    settings.update(secrets)
    return settings


@pytest.mark.parametrize("name,value", [(name, value) for name, values in sorted(KNOWN_VALUES.items())
                                        for value in values])
def test_the_gateway_refuses_to_start_on_every_interface_with_a_default_or_placeholder_secret(
        config, container_factory, name, value):
    gateway = container_factory(GatewayService, gateway_settings(config, "0.0.0.0", **{name: value}))
    with pytest.raises(InsecureSettings) as refusal:
        gateway.start()
    assert "set {} to".format(name) in str(refusal.value)


def test_the_gateway_refuses_to_start_on_every_interface_with_a_weak_admin_password(config, container_factory):
    weak = gateway_settings(config, "0.0.0.0", GATEWAY_ADMIN_PASSWORD="aaaaaaaaaaaa")
    gateway = container_factory(GatewayService, weak)
    with pytest.raises(InsecureSettings, match="GATEWAY_ADMIN_PASSWORD is weak"):
        gateway.start()


def test_the_gateway_starts_on_every_interface_with_its_own_secrets(config, container_factory):
    container_factory(GatewayService, gateway_settings(config, "0.0.0.0")).start()


def test_the_gateway_starts_on_loopback_with_the_shipped_defaults(config, container_factory):
    defaults = {name: values[0] for name, values in KNOWN_VALUES.items()}
    settings = gateway_settings(config, "127.0.0.1", **defaults)
    container_factory(GatewayService, settings).start()
    answer = requests.post("http://{}/api/v1/auth/token".format(settings["WEB_SERVER_ADDRESS"]), timeout=15,
                           json={"username": "admin", "password": defaults["GATEWAY_ADMIN_PASSWORD"]})
    assert answer.status_code == 200


def test_the_gateway_refuses_the_embedded_store_on_every_interface_unless_told_it_is_a_trial(config, container_factory):
    """Issue 24: a deployment on the embedded store loses its users and keys at the first restart."""
    settings = gateway_settings(config, "0.0.0.0", ALLOW_EMBEDDED_STORE=False)
    with pytest.raises(EmbeddedStoreRefused, match="WEB_SERVER_ADDRESS.*Set MONGO_URI"):
        container_factory(GatewayService, settings).start()
