"""gateway_read and gateway_profile: requests per second through the gateway vs a bare nameko
@http endpoint making the same RPC(s), with 10 concurrent clients, same run."""
import socket
import time

import eventlet
import requests
from nameko.containers import ServiceContainer
from nameko.rpc import RpcProxy, rpc
from nameko.web.handlers import http

from bench.harness import compare, fresh_config, record
from gateway.service import GatewayService
from services.feedback.service import FeedbackService
from services.inspection.service import InspectionService
from services.personnel.service import PersonnelService
from services.training.service import TrainingService

CLIENTS, REQUESTS = 10, 1500


class BareBackend:
    name = "bare_backend"

    @rpc
    def get(self, item_id):
        return {"id": item_id, "full_name": "Nguyễn Văn A"}


class BareFront:
    name = "bare_front"
    backend = RpcProxy("bare_backend")

    @http("GET", "/one/<string:item_id>")
    def one(self, request, item_id):
        return 200, str(self.backend.get(item_id))

    @http("GET", "/four/<string:item_id>")
    def four(self, request, item_id):
        replies = [self.backend.get.call_async(item_id) for _ in range(4)]
        return 200, str([reply.result() for reply in replies])


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load(url, headers=None, clients=CLIENTS, latencies=None, cpu=None):
    """Requests per second; `cpu` gets this process's CPU ms per request (client, gateway and services:
    steadier than wall-clock rates on a shared machine)."""
    pool = eventlet.GreenPool(clients)
    session = requests.Session()
    statuses = []

    def one(_):
        sent = time.monotonic()
        statuses.append(session.get(url, headers=headers, timeout=30).status_code)
        if latencies is not None:
            latencies.append(time.monotonic() - sent)

    started, cpu_started = time.monotonic(), time.process_time()
    list(pool.imap(one, range(REQUESTS)))
    elapsed = time.monotonic() - started
    if cpu is not None:
        cpu.append((time.process_time() - cpu_started) / REQUESTS * 1000)
    assert set(statuses) == {200}, set(statuses)
    return REQUESTS / elapsed


def bare(path, cpu=None):
    with fresh_config() as config:
        config["WEB_SERVER_ADDRESS"] = "127.0.0.1:{}".format(free_port())
        containers = [ServiceContainer(cls, config) for cls in (BareBackend, BareFront)]
        for container in containers:
            container.start()
        rate = load("http://{}{}".format(config["WEB_SERVER_ADDRESS"], path), cpu=cpu)
        for container in containers:
            container.stop()
    return rate


def project(path_template, clients=CLIENTS, latencies=None, cpu=None):
    with fresh_config(GATEWAY_ADMIN_PASSWORD="bench-password") as config:
        config["WEB_SERVER_ADDRESS"] = "127.0.0.1:{}".format(free_port())
        classes = (PersonnelService, TrainingService, InspectionService, FeedbackService, GatewayService)
        containers = [ServiceContainer(cls, config) for cls in classes]
        for container in containers:
            container.start()
        base = "http://{}".format(config["WEB_SERVER_ADDRESS"])
        token = requests.post(base + "/api/v1/auth/token", json={"username": "admin",
                                                                 "password": "bench-password"}).json()
        headers = {"Authorization": "Bearer " + token["access_token"]}
        official = _one_official(base, headers)
        rate = load(base + path_template.format(official), headers, clients, latencies, cpu)
        for container in containers:
            container.stop()
    return rate


def _one_official(base, headers):
    unit = requests.post(base + "/api/v1/units", headers=headers, json={
        "code": "BENCH", "name": "Đơn vị", "unit_type": "SO", "level": "PROVINCE", "valid_from": "2017-01-01"}).json()
    position = requests.post(base + "/api/v1/positions", headers=headers, json={
        "unit_id": unit["id"], "title": "Chuyên viên", "group": "PROFESSIONAL", "rank": "01.003"}).json()
    return requests.post(base + "/api/v1/officials", headers=headers, json={
        "full_name": "Nguyễn Văn A", "national_id": "096000000001", "birth_date": "1985-01-01",
        "category": "CONG_CHUC", "unit_id": unit["id"], "position_id": position["id"], "rank": "01.003",
        "service_start_date": "2010-01-01"}).json()["id"]


def run(rounds=3):
    results = []
    for name, project_path, bare_path in (("gateway_read", "/api/v1/officials/{}", "/one/x"),
                                          ("gateway_profile", "/api/v1/officials/{}/profile", "/four/x")):
        cpu = {"platform": [], "bare": []}
        value, baseline = compare(lambda: project(project_path, cpu=cpu["platform"]),
                                  lambda: bare(bare_path, cpu=cpu["bare"]), rounds)
        results.append(record(name, value, baseline, 0.8, "req/s", clients=CLIENTS, requests=REQUESTS, rounds=rounds,
                              cpu_ms_per_request={side: round(min(ms), 2) for side, ms in cpu.items()}))
    results.append(profile_latency())
    return results


def profile_latency(clients=20):
    """p50 / p99 of the profile with 20 concurrent clients (value only, issue #8)."""
    latencies = []
    project("/api/v1/officials/{}/profile", clients=clients, latencies=latencies)
    latencies.sort()
    p50, p99 = (latencies[int(len(latencies) * q) - 1] * 1000 for q in (0.50, 0.99))
    return record("gateway_profile_latency", p50, None, None, "ms (p50)", p99_ms=round(p99, 1), clients=clients,
                  requests=len(latencies))
