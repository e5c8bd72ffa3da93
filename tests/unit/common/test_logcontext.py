"""JSON log lines carry the correlation id of the work being done."""
import json
import logging

from services.common import logcontext


def test_a_log_line_is_json_with_the_current_correlation_id():
    logcontext.set_correlation_id("req-1234abcd")
    record = logging.LogRecord("personnel", logging.INFO, __file__, 1, "official %s registered", ("off-1",), None)
    logcontext.CorrelationFilter().filter(record)
    line = json.loads(logcontext.JsonFormatter().format(record))
    assert line["message"] == "official off-1 registered"
    assert line["correlation_id"] == "req-1234abcd" and line["level"] == "INFO"
    logcontext.set_correlation_id(None)
