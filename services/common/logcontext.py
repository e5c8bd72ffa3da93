"""JSON log lines carrying the correlation id of the request or event being handled.

The id is set per green thread when a worker starts (from the RPC context or the event's
`correlationid`) and by the gateway per request, so one id follows a request from the gateway
through RPC into every event it causes and every handler of those events.
"""
import json
import logging
from datetime import datetime, timezone

from eventlet.corolocal import local

_context = local()


def set_correlation_id(value):
    _context.correlation_id = value


def correlation_id():
    return getattr(_context, "correlation_id", None)


class CorrelationFilter(logging.Filter):
    def filter(self, record):
        record.correlation_id = correlation_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name, "message": record.getMessage(),
                "correlation_id": getattr(record, "correlation_id", None) or correlation_id()}
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
