"""The dashboard in headless Chromium (Debian's package): log in through its form, see the year's
indicators and charts drawn from the gateway's API."""
import shutil

import pytest

from tests.helpers import wait_until

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                                reason="needs Debian's chromium and chromium-driver (make test installs them)")


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1280,1600"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


def log_in(browser, base_url, year, password="e2e-password"):
    from selenium.webdriver.common.by import By
    browser.get("{}/dashboard?year={}".format(base_url, year))
    form = wait_until(lambda: _visible(browser, "login"), timeout=10)
    form.find_element(By.NAME, "username").send_keys("admin")
    form.find_element(By.NAME, "password").send_keys(password)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(lambda: browser.find_element(By.TAG_NAME, "body").get_attribute("data-loaded") == "true",
               timeout=15, message="the dashboard never loaded its report")


def _visible(browser, element_id):
    from selenium.webdriver.common.by import By
    element = browser.find_element(By.ID, element_id)
    return element if element.is_displayed() else None


def test_the_dashboard_is_served_offline_with_vietnamese_labels(anonymous):
    page = anonymous.get("/dashboard")
    assert page.status_code == 200 and "Đăng nhập" in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # no external asset
    assert anonymous.get("/dashboard/assets/dashboard.js").status_code == 200


def seed_a_small_year(api):
    """A unit, a planned inspection with a TTHC finding, answered feedback and a dialogue, in 2017."""
    from tests.helpers import wait_until as wait
    unit = api.created("/api/v1/units", {"code": "SLDTBXH", "name": "Sở Lao động - TB&XH", "unit_type": "SO",
                                         "level": "PROVINCE", "valid_from": "2010-01-01"})
    plan = wait(lambda: _accepted(api, "/api/v1/inspection/plans", {
        "year": 2017, "title": "Kế hoạch kiểm tra 2017", "approved_on": "2017-01-16",
        "items": [{"unit_id": unit["id"], "topic": "PERSONNEL_WORK", "kind": "KIEM_TRA"}]}))
    inspection = api.created("/api/v1/inspections", {
        "title": "Kiểm tra công tác cán bộ", "kind": "KIEM_TRA", "form": "PLANNED", "topic": "PERSONNEL_WORK",
        "unit_id": unit["id"], "decision_date": "2017-03-01", "team": ["Sở Nội vụ"], "plan_id": plan["id"],
        "plan_item_id": plan["items"][0]["id"]})
    path = "/api/v1/inspections/{}".format(inspection["id"])
    for stage, day in (("FIELDWORK", "2017-03-06"), ("RESULT_REPORT", "2017-03-20"), ("DRAFT_CONCLUSION", "2017-03-24")):
        assert api.post(path + "/stage", {"stage": stage, "entered_on": day}).status_code == 200
    api.created(path + "/findings", {"violation_type": "TTHC_OVERDUE", "description": "Trễ hạn", "severity":
                                     "LESS_SERIOUS", "tthc_domain": "LABOUR_INVALIDS_SOCIAL",
                                     "violation_date": "2017-03-10"})
    assert api.post(path + "/conclusion", {"result": "PASSED_WITH_REMARKS", "concluded_on": "2017-03-28",
                                           "summary": "Còn hạn chế"}).status_code == 200
    for index, channel in enumerate(("TRUC_TIEP", "BUU_CHINH", "TRUC_TIEP")):
        record = wait(lambda: _accepted(api, "/api/v1/feedback/desk/records", {
            "submitter_type": "CA_NHAN", "name": "Người dân {}".format(index), "address": "Cà Mau",
            "phone": "09{:08d}".format(index + 1), "channel": channel, "kind": "PROCEDURE",
            "title": "Phản ánh {}".format(index), "content": "Đề nghị hướng dẫn thủ tục.",
            "target_unit_id": unit["id"], "received_on": "2017-05-0{}".format(index + 2)}))
        assert api.post("/api/v1/feedback/{}/answer".format(record["id"]), {
            "answer": "Đã trả lời.", "answered_on": "2017-05-15"}).status_code == 200


def _accepted(api, path, body):
    response = api.post(path, body)
    assert response.status_code in (200, 201, 400), response.text
    return response.json() if response.status_code in (200, 201) else None


def test_the_dashboard_draws_the_years_indicators_and_charts_from_the_api(api, browser):
    from selenium.webdriver.common.by import By
    seed_a_small_year(api)

    log_in(browser, api.base_url, 2017)
    browser.save_screenshot("/tmp/dashboard-e2e.png")

    indicators = {card.get_attribute("data-indicator"): card.text
                  for card in browser.find_elements(By.CSS_SELECTOR, "[data-indicator]")}
    assert "1 / 1" in indicators["inspections"] and "100%" in indicators["inspections"]
    assert indicators["feedback_received"].startswith("3")
    bars = {chart.get_attribute("data-chart"): len(chart.find_elements(By.CSS_SELECTOR, "rect.bar-rect"))
            for chart in browser.find_elements(By.CSS_SELECTOR, "[data-chart]")}
    assert bars["tthc_violations"] == 1 and bars["feedback_channels"] == 2
    assert not browser.find_element(By.ID, "partial").is_displayed()
