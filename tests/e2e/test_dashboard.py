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


def log_in(browser, base_url, year):
    from selenium.webdriver.common.by import By
    browser.get("{}/dashboard?year={}".format(base_url, year))
    form = wait_until(lambda: _visible(browser, "login"), timeout=10)
    form.find_element(By.NAME, "username").send_keys("admin")
    form.find_element(By.NAME, "password").send_keys("e2e-password")
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
