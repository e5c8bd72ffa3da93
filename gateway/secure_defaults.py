"""The gateway does not listen beyond this machine with secrets anyone can read.

The shipped defaults of config.yml and the placeholders of .env.example are public: with them, anyone
can log in as the administrator or sign their own admin token. Off loopback the gateway refuses to
start while one is in use (or while the bootstrap admin password is weak); on loopback (a trial on
one's own machine) it starts and logs a loud warning.
"""
import ipaddress
import logging

from gateway import passwords

_log = logging.getLogger(__name__)

DEFAULT_ADDRESS = "0.0.0.0:8000"   # nameko's own default when WEB_SERVER_ADDRESS is missing
# The values config.yml falls back to and the ones .env.example shows (tests keep this list equal to them).
KNOWN_VALUES = {
    "GATEWAY_ADMIN_PASSWORD": ("change-me-now", "change-me-admin-password"),
    "GATEWAY_JWT_SECRET": ("dev-only-secret-change-me-32-bytes-long",
                           "change-me-to-a-random-string-of-at-least-32-characters"),
}
# A half-edited placeholder is still a placeholder.
PLACEHOLDER_MARK = "change-me"
ADVICE = {
    "GATEWAY_ADMIN_PASSWORD": "set GATEWAY_ADMIN_PASSWORD to a password of your own (at least {} characters, "
                              "not easy to guess)".format(passwords.MIN_LENGTH),
    "GATEWAY_JWT_SECRET": "set GATEWAY_JWT_SECRET to a random string of at least 32 characters, e.g. the output "
                          "of: python3 -c \"import secrets; print(secrets.token_urlsafe(48))\"",
}


class InsecureSettings(RuntimeError):
    """The gateway would listen on the network with public or weak credentials."""


def is_public(name, value):
    return value in KNOWN_VALUES[name] or PLACEHOLDER_MARK in value.lower()


def is_loopback(address):
    host = address.rpartition(":")[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name (could resolve to anything) or the empty "every address"
        return False


def problems(config):
    """What is unsafe in these settings, each with what to set instead."""
    found = []
    for name in KNOWN_VALUES:
        if is_public(name, str(config.get(name, ""))):
            found.append("{} is a shipped default or the .env.example placeholder: {}".format(name, ADVICE[name]))
    password, admin = str(config.get("GATEWAY_ADMIN_PASSWORD", "")), str(config.get("GATEWAY_ADMIN_USER", ""))
    weak = passwords.weaknesses(password, admin) if not is_public("GATEWAY_ADMIN_PASSWORD", password) else []
    if weak:
        found.append("GATEWAY_ADMIN_PASSWORD is weak ({}): {}".format("; ".join(weak),
                                                                      ADVICE["GATEWAY_ADMIN_PASSWORD"]))
    return found


def check(config, stored_admin_has_public_password=lambda: False):
    """Raise InsecureSettings off loopback, warn on loopback. The second argument asks the store whether the
    administrator kept from an earlier start still has a public password (checked off loopback only)."""
    address = str(config.get("WEB_SERVER_ADDRESS") or DEFAULT_ADDRESS)
    found = problems(config)
    if is_loopback(address):
        for problem in found:
            _log.warning("INSECURE SETTINGS, acceptable only for a trial on this machine (%s): %s", address, problem)
        return
    if not found and stored_admin_has_public_password():
        found.append("the stored account {} still has a shipped default password: change it through "
                     "POST /api/v1/auth/password while listening on 127.0.0.1".format(config.get("GATEWAY_ADMIN_USER")))
    if found:
        raise InsecureSettings("refusing to listen on {} (WEB_SERVER_ADDRESS): {}. Or listen on 127.0.0.1 "
                               "for a trial on this machine.".format(address, " | ".join(found)))
