"""Answers reused for a short while: /ready asks four services, a probe calling it every second would
make every call fan out. Callers arriving while an answer is being computed wait for that one."""
import threading   # green under eventlet's monkey patching
import time

from nameko.extensions import DependencyProvider

READY_CACHE_SECONDS = 1.0
# A cursor read earlier than a list is still one the list is consistent with (the list holds at least
# everything archived up to it), so it may be reused for a second.
ARCHIVE_CURSOR_SECONDS = 1.0
ARCHIVE_CURSOR_TIMEOUT_SECONDS = 0.5


class Memo:
    def __init__(self, seconds, clock=time.monotonic):
        self.seconds, self.clock = seconds, clock
        self._lock = threading.Lock()
        self._value, self._expires = None, float("-inf")

    def get(self, compute):
        with self._lock:
            if self.clock() >= self._expires:
                self._value = compute()
                self._expires = self.clock() + self.seconds
            return self._value


class Memos(DependencyProvider):
    """Named memos of one gateway: `ready`, `archive_cursor`."""

    def setup(self):
        self.memos = {"ready": Memo(READY_CACHE_SECONDS), "archive_cursor": Memo(ARCHIVE_CURSOR_SECONDS)}

    def get_dependency(self, worker_ctx):
        return self

    def get(self, name, compute):
        return self.memos[name].get(compute)
