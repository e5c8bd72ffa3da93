"""Findings 3 and 4 of issue #12: security headers on every answer; /metrics and /ready protected."""
import pytest

from gateway.memo import Memos
from tests.helpers import ManualClock
from tests.security.conftest import METRICS_TOKEN, OPERATIONS_RATE_PER_MINUTE, gateway_dependency

AUTHENTICATED = ["/api/v1/users", "/api/v1/units", "/api/v1/officials", "/api/v1/audit"]
PUBLIC = ["/health", "/openapi.json", "/docs/assets/docs.js", "/dashboard/assets/dashboard.js", "/no/such/path"]


@pytest.mark.parametrize("path", AUTHENTICATED)
def test_authenticated_answers_are_never_cached_nor_sniffed(api, anonymous, path):
    for answer in (api.get(path), anonymous.get(path)):     # 200 with a token, 401 without
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", PUBLIC)
def test_every_public_answer_is_marked_nosniff(anonymous, path):
    assert anonymous.get(path).headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("page", ["/docs", "/dashboard"])
def test_the_pages_may_not_be_framed_and_run_only_their_own_scripts(anonymous, page):
    answer = anonymous.get(page)
    assert answer.status_code == 200 and answer.headers["X-Frame-Options"] == "DENY"
    policy = answer.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert "<script>" not in answer.text                    # no inline script the policy would block


def test_metrics_with_a_token_setting_refuse_a_scrape_without_the_token(anonymous):
    assert anonymous.get("/metrics").status_code == 401
    wrong = anonymous.session.get(anonymous.base_url + "/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    right = anonymous.session.get(anonymous.base_url + "/metrics",
                                  headers={"Authorization": "Bearer " + METRICS_TOKEN})
    assert right.status_code == 200 and "camau_http_requests_total" in right.text


def health_calls(anonymous):
    text = anonymous.session.get(anonymous.base_url + "/metrics", headers={"Authorization": "Bearer " + METRICS_TOKEN,
                                                                           "X-Forwarded-For": "192.0.2.99"}).text
    line = 'camau_rpc_seconds_count{method="health",outcome="ok",service="personnel"} '
    return sum(float(row[len(line):]) for row in text.splitlines() if row.startswith(line))


def test_ready_answers_from_its_cache_within_the_second(anonymous, system):
    clock = ManualClock(1000.0)
    gateway_dependency(system, Memos).memos["ready"].clock = clock
    client = {"X-Forwarded-For": "192.0.2.50"}
    first = anonymous.session.get(anonymous.base_url + "/ready", headers=client)
    assert first.status_code == 200, first.text
    clock.now += 0.9
    assert anonymous.session.get(anonymous.base_url + "/ready", headers=client).json() == first.json()
    assert health_calls(anonymous) == 1                      # the second answer asked no service
    clock.now += 0.1
    anonymous.session.get(anonymous.base_url + "/ready", headers=client)
    assert health_calls(anonymous) == 2


@pytest.mark.parametrize("path", ["/ready", "/metrics"])
def test_ready_and_metrics_are_rate_limited_per_client(anonymous, path):
    headers = {"Authorization": "Bearer " + METRICS_TOKEN, "X-Forwarded-For": "192.0.2.60"}
    statuses = [anonymous.session.get(anonymous.base_url + path, headers=headers).status_code
                for _ in range(OPERATIONS_RATE_PER_MINUTE + 1)]
    assert statuses[-1] == 429 and 429 not in statuses[:-1]
    other = anonymous.session.get(anonymous.base_url + path, headers=dict(headers, **{"X-Forwarded-For": "192.0.2.61"}))
    assert other.status_code != 429
