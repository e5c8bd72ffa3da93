"""Failed logins, counted per (username, client address).

`failures` wrong passwords in a row from one address lock that username for that address only, for
`seconds`: an attacker elsewhere cannot lock the real user out. Unknown usernames are counted and
locked exactly like known ones, so neither a 401 nor a 429 tells which usernames exist. A lock that
has expired, or failures older than `seconds`, are forgotten: the count starts again from zero.
The counts live in the gateway's database, so every gateway replica and a restart see them.
"""
import math
import time

DEFAULT_FAILURES = 5
DEFAULT_SECONDS = 900


class Lockout:
    def __init__(self, store, failures=DEFAULT_FAILURES, seconds=DEFAULT_SECONDS, clock=time.time):
        self.store, self.failures, self.seconds, self.clock = store, int(failures), float(seconds), clock

    def seconds_left(self, username, client):
        """Seconds until `username` may try again from `client` (0: not locked)."""
        record = self.store.find_login_failures(username, client)
        locked_until = (record or {}).get("locked_until")
        remaining = (locked_until or 0) - self.clock()
        return math.ceil(remaining) if remaining > 0 else 0

    def failed(self, username, client):
        now = self.clock()
        count = self.store.count_login_failure(username, client, now, forget_before=now - self.seconds)
        if count >= self.failures:
            self.store.lock_login(username, client, now + self.seconds)

    def succeeded(self, username, client):
        self.store.forget_login_failures(username, client)

    def forget(self, username):
        """A new password lifts every lock of the account (an administrator's reset)."""
        self.store.forget_login_failures(username)
