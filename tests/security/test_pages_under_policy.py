"""The Content-Security-Policy of /docs and /dashboard leaves them working (headless Chromium) and
the browser reports no violation of it."""
import pytest

from tests.e2e.conftest import Api
from tests.e2e.test_dashboard import browser, log_in, pytestmark  # noqa: F401  (the fixture and its skip)
from tests.helpers import wait_until

DASHBOARD_TEST_PASSWORD = "e2e-password"   # the one tests.e2e.test_dashboard.log_in types


@pytest.fixture
def system_config(system_config):
    return dict(system_config, GATEWAY_ADMIN_PASSWORD=DASHBOARD_TEST_PASSWORD)


@pytest.fixture
def api(system, system_config):
    return Api("http://{}".format(system_config["WEB_SERVER_ADDRESS"])).login("admin", DASHBOARD_TEST_PASSWORD)


def policy_violations(browser):
    return [entry["message"] for entry in browser.get_log("browser") if "Content Security Policy" in entry["message"]]


def test_the_api_documentation_renders_every_operation_under_its_policy(anonymous, browser):
    from selenium.webdriver.common.by import By
    browser.get(anonymous.base_url + "/docs")
    wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, ".opblock"), timeout=20,
               message="Swagger UI never listed the operations")
    assert policy_violations(browser) == []


def test_the_dashboard_logs_in_and_draws_under_its_policy(api, browser):
    log_in(browser, api.base_url, 2017)
    assert policy_violations(browser) == []


@pytest.fixture(autouse=True)
def _console_logging(monkeypatch):
    """Chromium's console (where CSP violations are reported) is read through the browser log."""
    from selenium import webdriver
    real = webdriver.ChromeOptions.__init__

    def with_console(self, *args, **kwargs):
        real(self, *args, **kwargs)
        self.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    monkeypatch.setattr(webdriver.ChromeOptions, "__init__", with_console)


def test_an_inline_script_would_be_blocked_and_reported(anonymous, browser):
    """The check above can fail: the policy refuses inline scripts and the browser reports it."""
    browser.get(anonymous.base_url + "/docs")
    browser.execute_script("var s = document.createElement('script'); s.textContent = 'window.x = 1';"
                           "document.body.appendChild(s);")
    assert wait_until(lambda: policy_violations(browser), timeout=5)
