"""What issue 22 found on a fresh clone's `make run`, checked on that shape: typed errors reach an API consumer
as their documented 4xx (not 500), `/ready` means a login works, a second gateway on a held port is refused,
and SIGTERM to the launcher stops every process of the platform."""
import subprocess
import sys

import pytest
import requests

from services.common import broker_setup
from tests.deployed.platform import ADMIN_PASSWORD, ROOT, DeployedPlatform, alive
from tests.helpers import Api, free_port, wait_until

TRACKING_CODE_THAT_NOBODY_HAS = "PA-" + "A" * 16     # well formed (a malformed one is a 400)


@pytest.fixture(scope="module")
def unit(admin):
    return admin.created("/api/v1/units", {"code": "STC", "name": "Sở Tài chính", "unit_type": "SO",
                                           "level": "PROVINCE", "valid_from": "2017-01-01"})


def test_an_unknown_official_is_a_404_with_the_error_body(admin):
    answer = admin.get("/api/v1/officials/no-such-official")
    assert answer.status_code == 404, answer.text
    assert answer.json()["error"] == "NOT_FOUND" and set(answer.json()) >= {"message", "fields"}


def test_an_enrollment_of_an_official_training_has_not_heard_of_is_a_400_naming_the_field(admin):
    course = admin.created("/api/v1/training/courses", {
        "title": "Bồi dưỡng quản lý nhà nước", "kind": "FOSTERING", "content_area": "STATE_MANAGEMENT",
        "organiser": "Trường Chính trị tỉnh Cà Mau", "start_date": "2024-03-04", "end_date": "2024-03-09",
        "hours": 40, "capacity": 30, "assessments": 1})
    answer = admin.post("/api/v1/training/enrollments", {"course_id": course["id"], "official_id": "off-not-yet-known"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "VALIDATION_ERROR" and "official_id" in answer.json()["fields"]


def test_an_unknown_tracking_code_is_a_404(anonymous):
    answer = anonymous.get("/api/v1/feedback/track/" + TRACKING_CODE_THAT_NOBODY_HAS)
    assert answer.status_code == 404, answer.text
    assert answer.json()["error"] == "NOT_FOUND"


def test_a_citizens_feedback_about_a_unit_feedback_has_not_heard_of_is_a_400_to_retry(anonymous):
    answer = anonymous.post("/api/v1/feedback", {
        "submitter_type": "CA_NHAN", "name": "Lê Thị Dân", "address": "Phường 7, TP Cà Mau", "phone": "0912345679",
        "channel": "DIEN_TU", "kind": "PROCEDURE", "title": "Hồ sơ chậm",
        "content": "Hồ sơ đăng ký kinh doanh nộp đã lâu chưa có kết quả.", "target_unit_id": "unit-not-yet-known"})
    assert answer.status_code == 400, answer.text
    assert "target_unit_id" in answer.json()["fields"]


def test_the_unit_once_projected_is_accepted_from_a_citizen(anonymous, unit):
    def sent():
        answer = anonymous.post("/api/v1/feedback", {
            "submitter_type": "CA_NHAN", "name": "Lê Thị Dân", "address": "Phường 7, TP Cà Mau",
            "phone": "0912345679", "channel": "DIEN_TU", "kind": "PROCEDURE", "title": "Hồ sơ chậm",
            "content": "Hồ sơ nộp đã lâu chưa có kết quả.", "target_unit_id": unit["id"]})
        assert answer.status_code in (201, 400), answer.text
        return answer.json() if answer.status_code == 201 else None
    receipt = wait_until(sent, timeout=20, interval=0.2, message="feedback never learned of the unit")
    tracked = anonymous.get("/api/v1/feedback/track/" + receipt["tracking_code"])
    assert tracked.status_code == 200 and tracked.json()["status"] == "RECEIVED", tracked.text


def test_ready_means_the_administrator_can_log_in_at_once(platform):
    assert requests.get(platform.url + "/ready", timeout=10).json()["administrator"] == "ok"
    Api(platform.url).login("admin", ADMIN_PASSWORD)


def _second_gateway(platform, amqp_uri, port=None):
    """`nameko run` of one more gateway with the platform's settings but `amqp_uri` (and `port`)."""
    environ = dict(platform.environment(), AMQP_URI=amqp_uri)
    if port is not None:
        environ["WEB_SERVER_ADDRESS"] = "127.0.0.1:{}".format(port)
    return subprocess.run([sys.executable, "-m", "nameko", "run", "--config", "config.yml",
                           "gateway.service:GatewayService"], cwd=ROOT, env=environ, capture_output=True,
                          text=True, timeout=120)


def test_a_second_gateway_on_the_port_the_platform_holds_is_refused_and_the_platform_keeps_answering(
        platform, broker_management):
    # A stale gateway of another platform: its own vhost (so the embedded store's hold, below, is not what
    # refuses it), the same port.
    other = platform.vhost + "_other"
    broker_management.put("vhosts", other, body={})
    try:
        broker_management.put("permissions", other, "guest", body={"configure": ".*", "write": ".*", "read": ".*"})
        second = _second_gateway(platform, platform.admin_amqp_uri.rsplit("/", 1)[0] + "/" + other)
    finally:
        broker_management.delete("vhosts", other)
    assert second.returncode != 0
    assert "another process holds it" in second.stdout + second.stderr, second.stderr[-2000:]
    for _ in range(20):      # every connection still reaches the one platform (no kernel split between two)
        assert requests.get(platform.url + "/ready", timeout=10).status_code == 200
    Api(platform.url).login("admin", ADMIN_PASSWORD)


def test_a_second_gateway_process_on_the_embedded_store_is_refused_and_told_to_set_mongo_uri(platform):
    """Issue 24: two gateways on `mongomock://` would each keep users and keys of their own."""
    second = _second_gateway(platform, platform.amqp_uri_of(broker_setup.user_name("gateway", platform.prefix),
                                                            platform.passwords["gateway"]), port=free_port())
    assert second.returncode != 0
    output = second.stdout + second.stderr
    assert "another process of gateway is running on the embedded store" in output and "MONGO_URI" in output


def test_a_second_process_of_a_service_on_the_embedded_store_is_refused(platform):
    environ = dict(platform.environment(), AMQP_URI=platform.amqp_uri_of(
        broker_setup.user_name("training", platform.prefix), platform.passwords["training"]))
    second = subprocess.run([sys.executable, "-m", "nameko", "run", "--config", "config.yml",
                             "services.training.service:TrainingService"], cwd=ROOT, env=environ,
                            capture_output=True, text=True, timeout=120)
    assert second.returncode != 0
    assert "another process of training is running on the embedded store" in second.stdout + second.stderr
    assert requests.get(platform.url + "/ready", timeout=10).json()["services"]["training"] == "ok"


def test_sigterm_to_the_launcher_stops_every_process_of_the_platform(request, broker_management):
    own = DeployedPlatform(broker_management, request.config.getoption("RABBIT_AMQP_URI"))
    try:
        own.start()
        assert len(own.service_pids) == 6 and all(alive(pid) for pid in own.service_pids)
        code, survivors = own.stop()
        assert survivors == [] and code == 0, own.log_tail()
        with pytest.raises(requests.ConnectionError):
            requests.get(own.url + "/health", timeout=5)
    finally:
        own.clean_up()


def test_an_unknown_path_and_a_wrong_method_answer_with_the_error_body_not_an_html_page(admin):
    unknown = admin.get("/api/v1/no-such-collection")
    assert unknown.status_code == 404 and unknown.headers["Content-Type"].startswith("application/json")
    assert unknown.json()["error"] == "NOT_FOUND"
    wrong_method = admin.session.delete(admin.base_url + "/api/v1/units", timeout=10)
    assert wrong_method.status_code == 405 and wrong_method.json()["error"] == "METHOD_NOT_ALLOWED"
    assert {"GET", "POST"} <= {method.strip() for method in wrong_method.headers["Allow"].split(",")}
    assert wrong_method.headers["X-Content-Type-Options"] == "nosniff"
