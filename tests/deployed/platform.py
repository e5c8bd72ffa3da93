"""The platform started exactly as `make run` starts it, for the deployed-shape tier.

`python -m services.common.broker_setup` prepares a vhost of the platform's own (exchanges, policies, one
broker user per service and the gateway), then `python -m services.common.launch --config config.yml`
starts its six `nameko run` processes, each with its own imports, broker identity and embedded store (or
the MongoDB of MONGO_URI, under a database prefix of its own), the gateway on a free port. Nothing of the
platform runs in the test's process: what a test sees is what an integrator gets.
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import requests

from services.common import broker_setup
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "deployed-shape-Password-1"
# Short delays so that a retried event, a sweep or a dispatch is seen within a test's bounded wait.
FAST_SETTINGS = {
    "EVENT_RETRY_DELAYS_MS": "[100, 200]",
    "OUTBOX_SWEEP_SECONDS": "0.2",
    "OUTBOX_GRACE_SECONDS": "0.5",
    "GATEWAY_RPC_TIMEOUT_SECONDS": "10",
    "GATEWAY_AGGREGATE_TIMEOUT_SECONDS": "5",
    "WEBHOOK_DISPATCH_SECONDS": "0.2",
    "WEBHOOK_ALLOW_HTTP": "true",
    "WEBHOOK_PRIVATE_NETWORKS": '["127.0.0.0/8"]',
    "AGENCY_LAG_CHECK_SECONDS": "1",
}


def children_of(pid):
    """The pids whose parent is `pid` (from /proc: the launcher's processes run in sessions of their own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def alive(pid):
    try:
        state = Path("/proc/{}/stat".format(pid)).read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class DeployedPlatform:
    """One platform: its vhost, broker users, launcher process and gateway URL."""

    def __init__(self, management, amqp_base_uri, settings=None):
        self.management = management
        self.vhost = "deployed_{}".format(uuid.uuid4().hex[:10])
        parsed = urlparse(amqp_base_uri)
        self.admin_amqp_uri = "{}://{}/{}".format(parsed.scheme, parsed.netloc, self.vhost)
        self.port = free_port()
        self.url = "http://127.0.0.1:{}".format(self.port)
        self.passwords = {identity: uuid.uuid4().hex for identity in broker_setup.IDENTITIES}
        self.prefix = self.vhost + "-"
        self.agency_prefix = self.vhost + "-agency-"
        self.settings = dict(FAST_SETTINGS, **(settings or {}))
        self.log = tempfile.NamedTemporaryFile(prefix="camau-deployed-", suffix=".log", delete=False)
        self.launcher = None
        self.service_pids = []

    # --- the environment an integrator would set ------------------------------------------------
    def environment(self):
        environ = {key: value for key, value in os.environ.items()
                   if not key.startswith(("BROKER_", "GATEWAY_", "AMQP_", "RABBITMQ_"))}
        environ.update(self.settings)
        environ.update({
            "AMQP_URI": self.admin_amqp_uri,       # the launcher keeps host, port and vhost, not the user
            "BROKER_USER_PREFIX": self.prefix,
            "BROKER_CREDENTIALS_FILE": str(Path(self.log.name).with_suffix(".credentials.json")),
            "RABBITMQ_MANAGEMENT_URL": self.management.url,
            "AGENCY_USER_PREFIX": self.agency_prefix,
            "WEB_SERVER_ADDRESS": "127.0.0.1:{}".format(self.port),
            "GATEWAY_ADMIN_USER": "admin",
            "GATEWAY_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "PYTHONWARNINGS": "ignore::DeprecationWarning",
            "PYTHONUNBUFFERED": "1",
        })
        for identity, password in self.passwords.items():
            environ[broker_setup.password_variable(identity)] = password
        mongo = os.environ.get("MONGO_URI", "")
        if mongo and not mongo.startswith("mongomock://"):
            environ["MONGO_DB_PREFIX"] = "deployed_{}_".format(uuid.uuid4().hex[:8])
        else:
            environ.pop("MONGO_URI", None)          # config.yml's default: the embedded store, per process
        return environ

    # --- life cycle -----------------------------------------------------------------------------
    def start(self, ready_timeout=120):
        self.management.put("vhosts", self.vhost, body={})
        guest = urlparse(self.admin_amqp_uri).username
        self.management.put("permissions", self.vhost, guest, body={"configure": ".*", "write": ".*", "read": ".*"})
        environ = self.environment()
        setup = subprocess.run([sys.executable, "-m", "services.common.broker_setup"], cwd=ROOT, env=environ,
                               capture_output=True, text=True, timeout=120)
        assert setup.returncode == 0, setup.stdout + setup.stderr
        self.launcher = subprocess.Popen([sys.executable, "-m", "services.common.launch", "--config", "config.yml"],
                                         cwd=ROOT, env=environ, stdout=self.log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self.wait_until_ready(ready_timeout)
        self.service_pids = children_of(self.launcher.pid)
        return self

    def wait_until_ready(self, timeout):
        deadline, last = time.monotonic() + timeout, "no answer"
        while time.monotonic() < deadline:
            if self.launcher.poll() is not None:
                raise AssertionError("the launcher ended with {}:\n{}".format(self.launcher.returncode, self.log_tail()))
            try:
                answer = requests.get(self.url + "/ready", timeout=10)
                if answer.status_code == 200:
                    return
                last = answer.text
            except requests.RequestException as error:
                last = str(error)
            time.sleep(0.3)
        raise AssertionError("not ready within {} s ({}):\n{}".format(timeout, last, self.log_tail()))

    def stop(self, timeout=60):
        """SIGTERM to the launcher, as Ctrl-C or `docker compose stop` would; returns its exit code and the
        pids of the platform's processes still alive afterwards (killed then, so nothing leaks)."""
        if self.launcher is None:
            return None, []
        pids = set(self.service_pids) | set(children_of(self.launcher.pid))
        code = None
        if self.launcher.poll() is None:
            self.launcher.send_signal(signal.SIGTERM)
            try:
                code = self.launcher.wait(timeout)
            except subprocess.TimeoutExpired:
                self.launcher.kill()
                code = self.launcher.wait()
        else:
            code = self.launcher.returncode
        survivors = [pid for pid in pids if alive(pid)]
        for pid in survivors:
            os.kill(pid, signal.SIGKILL)
        return code, survivors

    def clean_up(self):
        self.stop()
        users = [broker_setup.user_name(identity, self.prefix) for identity in broker_setup.IDENTITIES]
        try:
            users += [user["name"] for user in self.management.get("users")
                      if user["name"].startswith(self.agency_prefix)]
        except requests.RequestException:
            pass
        for user in users:
            self.management.delete("users", user)
        self.management.delete("vhosts", self.vhost)
        Path(self.log.name).with_suffix(".credentials.json").unlink(missing_ok=True)
        if not os.environ.get("KEEP_PLATFORM_LOGS"):      # set it to read a platform's log after its tests
            Path(self.log.name).unlink(missing_ok=True)

    # --- what a test reads ----------------------------------------------------------------------
    def log_text(self):
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines=60):
        return "\n".join(self.log_text().splitlines()[-lines:])

    def amqp_uri_of(self, user, password):
        return broker_setup.amqp_uri_for(self.admin_amqp_uri, user, password)
