"""The public feedback routes are rate-limited per client: 429 with Retry-After beyond the limit."""
import pytest

LIMIT = 3


@pytest.fixture
def system_config(system_config):
    return dict(system_config, GATEWAY_PUBLIC_RATE_PER_MINUTE=LIMIT)


def test_tracking_beyond_the_limit_answers_429_with_retry_after(anonymous, api):
    answers = [anonymous.get("/api/v1/feedback/track/PA-AAAAAAAAAAAAAAAA") for _ in range(LIMIT + 1)]
    assert [r.status_code for r in answers] == [404] * LIMIT + [429]
    limited = answers[-1]
    assert limited.json()["error"] == "RATE_LIMITED"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    # The limit is per client and per limit: submitting shares the public bucket, staff routes do not.
    assert anonymous.post("/api/v1/feedback", {}).status_code == 429
    assert anonymous.get("/api/v1/feedback/published").status_code == 429
    assert api.get("/api/v1/feedback").status_code == 200
