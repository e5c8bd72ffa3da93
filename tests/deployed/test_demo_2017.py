"""The 2017 demo end to end: the whole system started as `make run` starts it (six processes, the deployed
shape: tests/deployed/platform.py), the real `make demo` loader
through the public API, then the 2017 annual report with the figures of the province's own 2017 report
(README "Demo data": 2,322 training turns = 93% of plan, 20 job-position schemes, 6 of 6 inspections,
28 dialogues, over 900 feedback items all answered), its exports, and the dashboard drawing them in
headless Chromium. Loading takes about two minutes: `-m "not slow"` leaves this module out locally."""
import csv
import io
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from tests.deployed.platform import ADMIN_PASSWORD as PASSWORD
from tests.deployed.platform import ROOT
from tests.e2e.test_dashboard import browser, log_in  # noqa: F401  (browser is a fixture)
from tests.helpers import Api, wait_until
from examples.amqp_subscriber import Subscriber
from tools import demo_data, demo_ratings

pytestmark = [pytest.mark.slow, pytest.mark.deployed]
needs_chromium = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                                    reason="needs Debian's chromium and chromium-driver (make test installs them)")


@pytest.fixture(scope="module")
def demo_system(platform):
    """The platform as `make run` starts it (tests/deployed/conftest.py), for the whole module: the demo is
    loaded once."""
    return platform.url


def _register_reading_everything(admin, name):
    """An agency granted every type of the catalog (a legal basis for the personal and restricted ones)."""
    types = admin.get("/api/v1/events/data-classes").json()["items"]
    grants = [{"event_type": row["event_type"], "legal_basis": "Law 91/2025/QH15; test grant"} for row in types]
    response = admin.post("/api/v1/agencies", {"name": name, "title": "Bộ Nội vụ", "contact_email": "cntt@moha.gov.vn",
                                               "grants": grants})
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture(scope="module")
def live_agency(demo_system):
    """An agency subscribed before `make demo` runs: its queue receives the demo as it happens."""
    return _register_reading_everything(Api(demo_system).login("admin", PASSWORD), "bo-noi-vu")


@pytest.fixture(scope="module")
def demo_api(demo_system, live_agency):
    """`make demo` against the test system (its URL and credentials), then an admin client of the gateway.
    The loader runs in a process of its own, as `make demo` does: in this one, its thousands of requests
    took a sixth of the CPU the system needs to answer them."""
    loader = subprocess.run([sys.executable, "-m", "tools.demo", "--url", demo_system, "--user", "admin",
                             "--password", PASSWORD], cwd=ROOT, timeout=1200)
    assert loader.returncode == 0
    return Api(demo_system).login("admin", PASSWORD)


@pytest.fixture(scope="module")
def report(demo_api):
    """The 2017 report once every service answers within the gateway's deadline: right after the load the
    services are still applying its last events (a partial report then names the late ones)."""
    return _complete_report(demo_api)


def _complete_report(api):
    def complete():
        answer = api.get("/api/v1/reports/annual", year=2017)
        assert answer.status_code == 200, answer.text
        return None if answer.json()["partial"] else answer.json()
    return wait_until(complete, timeout=90, interval=1, message="the 2017 report stayed partial")


def test_the_2017_report_shows_the_seed_reports_training_schemes_inspections_and_feedback(report):
    indicators = report["indicators"]
    assert not report["partial"], report["unavailable"]
    assert _figures(indicators["training_turns"]) == (2322, 2497, 93.0)
    assert indicators["schemes_approved"]["value"] == 20
    assert _figures(indicators["inspections"]) == (6, 6, 100.0)
    assert indicators["dialogues"]["value"] == 28
    received = indicators["feedback_received"]["value"]
    assert received > 900
    assert _figures(indicators["feedback_answered"]) == (received, received, 100.0)
    assert _figures(indicators["feedback_on_time"]) == (received, received, 100.0)
    assert indicators["feedback_overdue"]["value"] == 0


def test_the_2017_report_counts_the_demo_officials_their_ratings_and_disciplines(report):
    officials = report["indicators"]["standards_met"]["of"]
    assert officials == demo_data.OFFICIALS
    assert 0.85 * officials < report["indicators"]["standards_met"]["value"] < officials   # "basically meet"
    ratings = report["breakdowns"]["ratings"]["counts"]
    assert set(ratings) == {"EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED"} and sum(ratings.values()) == officials
    assert ratings["NOT_COMPLETED"] >= len(demo_ratings.DISCIPLINES)     # every disciplined official, at least
    assert report["breakdowns"]["disciplines"]["counts"] == {"KHIEN_TRACH": 5, "CANH_CAO": 3}
    assert set(report["breakdowns"]["tthc_violations"]["counts"]) == {domain for _, domain in demo_data.TTHC_HOT_SPOTS}


def test_the_2017_report_shows_the_seeds_recruitment_exam_promotion_exam_and_leader_selection(demo_api, report):
    """The seed's 2017 careers: a công chức recruitment exam (its recruits on probation from 2018, so the staff
    figures above are unchanged), a promotion exam of viên chức hành chính, the competitive selection of the radio-
    television station's deputy director at its application stage (no result)."""
    indicators = report["indicators"]
    assert indicators["recruited"]["value"] == demo_data.RECRUITMENT_PLACES
    assert indicators["promoted"]["value"] == demo_data.PROMOTION_PLACES
    assert (indicators["appointed"]["value"], indicators["reappointed"]["value"]) == (0, 0)
    probations = demo_api.get("/api/v1/recruitment/probations", status="IN_PROGRESS").json()["items"]
    assert len(probations) == demo_data.RECRUITMENT_PLACES
    assert {p["start"] for p in probations} == {demo_data.RECRUITED_START}
    campaign = demo_api.get("/api/v1/recruitment/campaigns").json()["items"][0]
    assert (campaign["status"], len(campaign["rounds"])) == ("COMPLETED", 2)
    promotion_round = demo_api.get("/api/v1/promotions/rounds").json()["items"][0]
    assert promotion_round["legal_basis"].startswith("Decree 29/2012") and promotion_round["status"] == "COMPLETED"
    promoted = [c for c in promotion_round["candidates"] if c["status"] == "PROMOTED"]
    assert len(promoted) == demo_data.PROMOTION_PLACES
    assert demo_api.get("/api/v1/officials/{}/history".format(promoted[0]["official_id"])).json()["rank"] == "01.002"
    selection = demo_api.get("/api/v1/leadership/selections").json()["items"][0]
    assert (selection["post_title"], selection["method"], selection["status"]) == (
        demo_data.SELECTION_POST, "COMPETITIVE", "OPEN")
    assert len(selection["candidates"]) == demo_data.SELECTION_CANDIDATES and selection["chosen_official_id"] is None


def test_each_2017_not_completed_rating_is_a_review_case_open_at_the_end_of_2017(demo_api, report):
    """Rule 5's case is dated from the rating (20 Dec 2017), so the 2017 report counts it as open."""
    not_completed = report["breakdowns"]["ratings"]["counts"]["NOT_COMPLETED"]
    cases = wait_until(lambda: _evaluation_cases(demo_api, not_completed), timeout=30,
                       message="the NOT_COMPLETED ratings never opened their cases")
    assert {case["opened_on"] for case in cases} == {demo_ratings.RATED_ON}
    assert all("Decree 56/2015 (am. 88/2017)" in case["reason"] for case in cases)
    indicators = _complete_report(demo_api)["indicators"]
    assert (indicators["reviews_open"]["value"], indicators["reviews_closed"]["value"]) == (not_completed, 0)


def test_a_table_of_the_2017_report_exports_as_csv_and_xlsx(demo_api):
    as_csv = demo_api.get("/api/v1/reports/annual", year=2017, format="csv", table="indicators")
    assert as_csv.status_code == 200 and as_csv.headers["Content-Type"].startswith("text/csv"), as_csv.text
    rows = {row[0]: row for row in csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")))}
    assert rows["training_turns"][2:] == ["2322", "2497", "93.0"]
    as_xlsx = demo_api.get("/api/v1/reports/annual", year=2017, format="xlsx", table="indicators")
    assert as_xlsx.status_code == 200, as_xlsx.text
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    cells = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert cells["training_turns"][2:] == (2322, 2497, 93.0) and cells["schemes_approved"][2] == 20


@needs_chromium
def test_the_dashboard_draws_the_2017_figures_in_headless_chromium(demo_api, report, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    log_in(browser, demo_api.base_url, 2017, PASSWORD)
    wanted = {"training_turns", "inspections", "schemes_approved", "dialogues", "feedback_answered", "reviews_open"}
    # The cards arrive as the report's parts are drawn: wait (bounded) until all of them are there.
    WebDriverWait(browser, 30).until(lambda b: wanted <= {
        card.get_attribute("data-indicator") for card in b.find_elements(By.CSS_SELECTOR, "[data-indicator]")})
    browser.save_screenshot("/tmp/dashboard-demo-2017.png")
    cards = {card.get_attribute("data-indicator"): card.text
             for card in browser.find_elements(By.CSS_SELECTOR, "[data-indicator]")}
    assert "2322 / 2497" in cards["training_turns"] and "93%" in cards["training_turns"]
    assert "6 / 6" in cards["inspections"] and "100%" in cards["inspections"]
    assert cards["schemes_approved"].startswith("20") and cards["dialogues"].startswith("28")
    received = report["indicators"]["feedback_received"]["value"]
    assert "{0} / {0}".format(received) in cards["feedback_answered"] and "100%" in cards["feedback_answered"]
    not_completed = report["breakdowns"]["ratings"]["counts"]["NOT_COMPLETED"]
    assert cards["reviews_open"].startswith(str(not_completed)) and cards["reviews_closed"].startswith("0")
    charts = {chart.get_attribute("data-chart"): chart for chart in browser.find_elements(By.CSS_SELECTOR, "[data-chart]")}
    for name, breakdown in report["breakdowns"].items():
        drawn = charts[name]
        assert len(drawn.find_elements(By.CSS_SELECTOR, "rect.bar-rect")) == len(breakdown["counts"]) > 0, name
        labels = [text.text for text in drawn.find_elements(By.CSS_SELECTOR, "text")]
        assert all(str(count) in labels for count in breakdown["counts"].values()), (name, labels)
    assert not browser.find_element(By.ID, "partial").is_displayed()


def test_a_late_agency_replays_from_the_archive_the_very_events_a_live_one_received_during_the_demo(
        demo_api, live_agency, platform):
    late = Api(demo_api.base_url)
    late.session.headers["X-API-Key"] = _register_reading_everything(demo_api, "bo-noi-vu-late")["api_key"]
    live_ids, replayed = set(), {}
    subscriber = Subscriber(platform.amqp_uri_of(live_agency["amqp"]["user"], live_agency["amqp"]["password"]),
                            live_agency["amqp"]["queue"], on_event=lambda event: live_ids.add(event["id"]))

    def caught_up():
        subscriber.run(idle_timeout=1)
        after = max(replayed.values(), default=0)
        while True:
            page = late.get("/api/v1/events", after=after, limit=1000).json()
            replayed.update({item["event"]["id"]: item["cursor"] for item in page["items"]})
            if not page["items"]:
                return live_ids and set(replayed) == live_ids
            after = page["next_after"]
    wait_until(caught_up, timeout=180, interval=1, message="the replay never matched the live stream")
    assert len(live_ids) > 10_000


def _figures(indicator):
    return indicator["value"], indicator["of"], indicator["percent"]


def _evaluation_cases(api, expected):
    answer = api.get("/api/v1/reviews", limit=200)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert all(case["origin"] == "EVALUATION" for case in body["items"])    # the demo fails no inspection
    return body["items"] if body["total"] == expected else None
