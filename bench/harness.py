"""What every benchmark needs: a fresh RabbitMQ vhost prepared like production, a fresh embedded
store, bounded waits, and the results file format of issue #8."""
import json
import os
import platform
import random
import string
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from nameko.testing.rabbit import Client

from services.common import broker_setup
from services.common.config import load_config

RESULTS = Path(__file__).resolve().parent / "results.json"
MANAGEMENT = os.environ.get("RABBITMQ_MANAGEMENT_URL", "http://guest:guest@127.0.0.1:15672")
AMQP = os.environ.get("BENCH_AMQP_BASE", "amqp://guest:guest@127.0.0.1:5672")


@contextmanager
def fresh_config(**overrides):
    manager = Client(MANAGEMENT)
    vhost = "bench_" + "".join(random.choice(string.ascii_lowercase) for _ in range(8))
    manager.create_vhost(vhost)
    manager.set_vhost_permissions(vhost, "guest", ".*", ".*", ".*")
    amqp_uri = "{}/{}".format(AMQP, vhost)
    broker_setup.prepare_vhost(amqp_uri, broker_setup.Management(MANAGEMENT))
    config = load_config()
    # A real MongoDB when MONGO_URI names one (indexed lookups); else the embedded store, whose
    # collection scans dominate any storage-heavy path (see README, Performance).
    real_mongo = os.environ.get("MONGO_URI", "").startswith("mongodb")
    storage = {"MONGO_URI": os.environ["MONGO_URI"], "MONGO_DB_PREFIX": "bench_{}_".format(vhost)} if real_mongo \
        else {"MONGO_URI": "mongomock://bench-" + uuid.uuid4().hex}
    config.update(storage)
    # Everything else as config.yml sets it for a deployment (worker pool, outbox sweep, timeouts).
    config.update({"AMQP_URI": amqp_uri,
                   "LOGGING": {"version": 1, "disable_existing_loggers": False,
                               "root": {"level": "WARNING"}}})
    config.update(overrides)
    try:
        yield config
    finally:
        manager.delete_vhost(vhost)


def wait_for(predicate, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark condition not reached in {} s".format(timeout))
        time.sleep(interval)


def compare(measure_project, measure_bare, rounds):
    """(best project rate, best bare rate) over `rounds` alternating runs: on a shared 2-core machine a
    single run of either side can be slowed by something else; alternating spreads that over both."""
    project, bare = [], []
    for _ in range(rounds):
        bare.append(measure_bare())
        project.append(measure_project())
    return max(project), max(bare)


def record(name, value, baseline, target, unit, **extra):
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    entry = {"value": round(value, 2), "baseline": round(baseline, 2) if baseline else baseline,
             "ratio": round(value / baseline, 3) if baseline else None, "target": target, "unit": unit}
    entry.update(extra, machine=machine())
    results[name] = entry
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print("{:<18} {:>10.1f} {:<8} baseline {:>10} ratio {} (target {})".format(
        name, value, unit, str(entry["baseline"]), entry["ratio"], target))
    return entry


def machine():
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version()}
