"""Run the five services and the gateway as six `nameko run` processes, each as its own broker user.

    python -m services.common.launch [--config config.yml]

`make run` uses it after `broker_setup --generate-missing`. Each process gets AMQP_URI = the host,
port and vhost of the AMQP_URI of the configuration file it runs with (--config) with its identity's
user (`<BROKER_USER_PREFIX><name>`) and password (BROKER_PASSWORD_<NAME>, else the credentials file
broker_setup wrote), and CONFIG_FILE naming that file, as each docker-compose.yml container does
(tests/unit/test_compose_parity.py keeps the two shapes running the same thing). The processes run
in their own session, so a Ctrl-C reaches them once, through here: SIGINT and SIGTERM are forwarded
to each. When one process ends, the others are stopped (SIGTERM: nameko stops gracefully) and the
launcher exits with the first one's code, so a service that cannot start does not leave a platform
running without it.
"""
import argparse
import os
import signal
import subprocess
import sys

from services.common import broker_setup

PROCESSES = {
    "personnel": "services.personnel.service:PersonnelService",
    "training": "services.training.service:TrainingService",
    "inspection": "services.inspection.service:InspectionService",
    "feedback": "services.feedback.service:FeedbackService",
    "subscriptions": "services.subscriptions.service:SubscriptionsService",
    "gateway": "gateway.service:GatewayService",
}


def identity_environments(base_uri, environ=None):
    """{identity: the environment of its process}: the caller's, with the identity's own AMQP_URI."""
    environ = dict(environ if environ is not None else os.environ)
    passwords = broker_setup.identity_passwords(tuple(PROCESSES), environ)
    prefix = broker_setup.user_prefix(environ)
    return {identity: dict(environ, AMQP_URI=broker_setup.amqp_uri_for(
                base_uri, broker_setup.user_name(identity, prefix), passwords[identity]))
            for identity in PROCESSES}


def process_environments(config_file, environ=None):
    """identity_environments over the broker of config_file (its AMQP_URI, resolved as nameko resolves
    it), with CONFIG_FILE naming that file, as in each compose container: whatever reads CONFIG_FILE in a
    process (load_config) reads the file its `nameko run --config` reads."""
    from services.common.config import load_config
    environ = dict(environ if environ is not None else os.environ, CONFIG_FILE=os.path.abspath(config_file))
    return identity_environments(load_config(config_file)["AMQP_URI"], environ)


def nameko_commands(config_file):
    return {identity: [sys.executable, "-m", "nameko", "run", "--config", config_file, spec]
            for identity, spec in PROCESSES.items()}


class Launcher:
    def __init__(self, commands, environments):
        self.commands = commands            # identity -> argv
        self.environments = environments
        self.running = {}       # pid -> identity
        self.stopping = False   # a stop was asked of every process: a second signal would kill them

    def start(self):
        for identity, command in self.commands.items():
            process = subprocess.Popen(command, env=self.environments[identity], start_new_session=True)
            self.running[process.pid] = identity

    def signal_all(self, signum):
        self.stopping = True
        for pid in list(self.running):
            try:
                os.kill(pid, signum)
            except ProcessLookupError:   # ended; its exit status is collected by wait()
                pass

    def wait(self):
        """Until every process has ended; the exit code of the first to end."""
        first_code = None
        while self.running:
            pid, status = os.waitpid(-1, 0)     # any child: they run in sessions of their own
            identity = self.running.pop(pid, None)
            if identity is None:
                continue
            code = os.waitstatus_to_exitcode(status)
            code = 128 - code if code < 0 else code     # killed by a signal: the shell's convention
            if first_code is None:
                first_code = code
                if self.running and not self.stopping:
                    print("launch: {} ended with {}; stopping the others".format(identity, code),
                          file=sys.stderr)
                    self.signal_all(signal.SIGTERM)
        return first_code or 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=os.environ.get("CONFIG_FILE", "config.yml"))
    args = parser.parse_args(argv)
    try:
        environments = process_environments(args.config)
    except broker_setup.MissingPassword as error:
        print("launch: {} (make run provisions them)".format(error), file=sys.stderr)
        return 2
    launcher = Launcher(nameko_commands(args.config), environments)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda received, frame: launcher.signal_all(received))
    launcher.start()
    return launcher.wait()


if __name__ == "__main__":
    sys.exit(main())
