"""`make run`'s launcher and the local broker credentials: each process its own broker user."""
import os
import signal
import stat
import sys
from urllib.parse import urlparse

from services.common import broker_setup
from services.common.launch import PROCESSES, Launcher, identity_environments

BASE_URI = "amqp://guest:guest@127.0.0.1:5672/trial"


def test_each_process_connects_as_its_own_user_on_the_configured_vhost(tmp_path):
    environ = {"BROKER_CREDENTIALS_FILE": str(tmp_path / "credentials.json"), "BROKER_PASSWORD_GATEWAY": "g-secret"}
    broker_setup.identity_passwords(environ=environ, generate_missing=True)

    environments = identity_environments(BASE_URI, environ)

    assert set(environments) == set(PROCESSES)
    for identity, environment in environments.items():
        uri = urlparse(environment["AMQP_URI"])
        assert (uri.username, uri.hostname, uri.port, uri.path) == ("camau-" + identity, "127.0.0.1", 5672, "/trial")
    assert urlparse(environments["gateway"]["AMQP_URI"]).password == "g-secret"


def test_generated_passwords_are_kept_in_a_file_only_its_owner_reads_and_reused(tmp_path):
    environ = {"BROKER_CREDENTIALS_FILE": str(tmp_path / "credentials.json")}

    first = broker_setup.identity_passwords(environ=environ, generate_missing=True)
    second = broker_setup.identity_passwords(environ=environ, generate_missing=True)

    assert first == second and len(set(first.values())) == len(broker_setup.IDENTITIES)
    assert stat.S_IMODE(os.stat(tmp_path / "credentials.json").st_mode) == 0o600


def test_a_password_in_the_environment_wins_over_the_file(tmp_path):
    environ = {"BROKER_CREDENTIALS_FILE": str(tmp_path / "credentials.json")}
    broker_setup.identity_passwords(environ=environ, generate_missing=True)

    passwords = broker_setup.identity_passwords(environ=dict(environ, BROKER_PASSWORD_PERSONNEL="rotated"))

    assert passwords["personnel"] == "rotated"


def test_without_a_password_and_without_generating_provisioning_refuses(tmp_path):
    environ = {"BROKER_CREDENTIALS_FILE": str(tmp_path / "missing.json")}
    try:
        broker_setup.identity_passwords(environ=environ)
    except broker_setup.MissingPassword as error:
        assert "BROKER_PASSWORD_PERSONNEL" in str(error)
    else:
        raise AssertionError("no MissingPassword")


def test_when_one_process_ends_the_launcher_stops_the_others_and_exits_with_its_code():
    long_running = [sys.executable, "-c", "import time; time.sleep(60)"]
    commands = {"personnel": long_running, "training": [sys.executable, "-c", "raise SystemExit(3)"],
                "gateway": long_running}
    launcher = Launcher(commands, {identity: dict(os.environ) for identity in commands})
    launcher.start()

    assert launcher.wait() == 3
    assert launcher.running == {}


def test_a_stop_signal_reaches_every_process_once_and_the_launcher_waits_for_all():
    long_running = [sys.executable, "-c", "import time; time.sleep(60)"]
    commands = {"personnel": long_running, "gateway": long_running}
    launcher = Launcher(commands, {identity: dict(os.environ) for identity in commands})
    launcher.start()

    launcher.signal_all(signal.SIGTERM)

    assert launcher.wait() == 128 + signal.SIGTERM
    assert launcher.running == {}
