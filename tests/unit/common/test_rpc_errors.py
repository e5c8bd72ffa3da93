"""Typed errors cross RPC as themselves whatever a process has imported (issue 22: in `make run`'s gateway
process no service module is imported, and every typed error became a 500)."""
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from nameko.exceptions import deserialize, registry, serialize

import services
from services.common import errors
from services.common.rpc_errors import KERNEL_ERRORS, on_the_wire, wire_path

ROOT = Path(__file__).resolve().parents[3]

# In a fresh interpreter, as `nameko run gateway.service:GatewayService` starts: the gateway's modules only.
GATEWAY_ALONE = """
import json, sys
import gateway.service
from nameko.exceptions import deserialize, registry, serialize
from services.common import errors
loaded = sorted(name for name in sys.modules if name.startswith("services.") and name.split(".")[1] not in
                ("common",) and not name.endswith(".api") and ".api." not in name)
answers = {}
for cls in (errors.NotFound, errors.Invalid, errors.Conflict, errors.ConcurrentUpdate, errors.Forbidden,
            errors.Unavailable):
    rebuilt = deserialize(serialize(cls("message", {"field": ["why"]})))
    answers[cls.__name__] = [type(rebuilt).__name__, rebuilt.fields]
violation = deserialize(serialize(errors.RuleViolation("no", "R1", "Law X", {"year": ["bad"]})))
answers["RuleViolation"] = [type(violation).__name__, violation.rule, violation.legal_basis]
print(json.dumps({"answers": answers, "service_modules": loaded,
                  "registered": sorted(key for key in registry if key.startswith("services."))}))
"""


def test_a_process_that_imports_only_the_gateway_rebuilds_every_typed_error_as_itself():
    run = subprocess.run([sys.executable, "-c", GATEWAY_ALONE], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "ignore"})
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    # The premise: no service's entrypoints module is loaded in that process (their api modules and domain
    # codes are: the gateway's one door).
    assert seen["service_modules"] and not [name for name in seen["service_modules"]
                                            if name.split(".")[2:3] and name.split(".")[2].startswith("service")]
    for name, (rebuilt, fields) in ((k, v) for k, v in seen["answers"].items() if k != "RuleViolation"):
        assert (rebuilt, fields) == (name, {"field": ["why"]})
    assert seen["answers"]["RuleViolation"] == ["RuleViolation", "R1", "Law X"]
    assert set(seen["registered"]) == {wire_path(cls) for cls in KERNEL_ERRORS}


def _every_service_module():
    for module in pkgutil.walk_packages(services.__path__, "services."):
        if module.name.endswith("__main__"):
            continue
        importlib.import_module(module.name)


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def test_every_error_class_a_service_can_raise_crosses_rpc_as_a_registered_kernel_class():
    _every_service_module()
    found = set(_subclasses(errors.DomainError))
    assert len(found) > len(KERNEL_ERRORS) - 1      # the services' own classes are among them
    for cls in found:
        error = _an_instance_of(cls)
        sent = on_the_wire(error)
        assert wire_path(type(sent)) in registry, cls
        rebuilt = deserialize(serialize(sent))
        assert isinstance(error, type(rebuilt)) and rebuilt.code == type(sent).code, cls
        assert (rebuilt.message, rebuilt.fields) == (error.message, error.fields), cls


def _an_instance_of(cls):
    """An instance made the way its own constructor wants (a service's class may take fewer arguments)."""
    attempts = (("message", "RULE", "basis", {"field": ["why"]}), ("message", {"field": ["why"]}), ("message",))
    for arguments in attempts:
        try:
            return cls(*arguments)
        except TypeError:
            continue
    raise AssertionError("cannot make a {}".format(cls))


def test_a_services_own_error_leaves_as_its_nearest_kernel_class():
    from services.subscriptions.domain.webhooks import EndpointDisabled
    sent = on_the_wire(EndpointDisabled("endpoint e-1 is disabled", {"endpoint_id": ["disabled"]}))
    assert type(sent) is errors.Conflict
    assert (sent.message, sent.fields) == ("endpoint e-1 is disabled", {"endpoint_id": ["disabled"]})


@pytest.mark.parametrize("error", [errors.NotFound("x"), ValueError("a bug"), errors.RuleViolation("n", "R", "L")])
def test_kernel_errors_and_unexpected_ones_leave_unchanged(error):
    assert on_the_wire(error) is error
