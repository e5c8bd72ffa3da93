"""docker-compose.yml, Dockerfile and .env.example agree with the code (no Docker engine needed)."""
import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
INFRA = ("rabbitmq", "mongo")
APP_SERVICES = ("personnel", "training", "inspection", "feedback", "subscriptions", "gateway")
ONE_SHOT = ("broker-setup",)
VAR_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)")          # ${NAME}, ${NAME:-x}, ${NAME:?x}
CODE_ENV_READ = re.compile(r"""os\.(?:environ\.get\(|environ\[|getenv\()\s*["']([A-Za-z_][A-Za-z0-9_]*)["']""")
DOCUMENTED = re.compile(r"^#?\s*([A-Za-z_][A-Za-z0-9_]*)=", re.MULTILINE)


@pytest.fixture(scope="module")
def compose_text():
    return (ROOT / "docker-compose.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def compose(compose_text):
    return yaml.safe_load(compose_text)


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def documented():
    """Variables .env.example sets or shows (commented out: optional, default in config.yml)."""
    return set(DOCUMENTED.findall((ROOT / ".env.example").read_text(encoding="utf-8")))


def targets_of(command):
    """What a container command runs: the specs of `nameko run [--opt value] spec...` (`module[:Class]`),
    or the module of `python -m module`."""
    assert isinstance(command, list), "use the exec form (a list) so that no shell sits between: {!r}".format(command)
    if command[:2] == ["nameko", "run"]:
        specs, args = [], iter(command[2:])
        for arg in args:
            if arg.startswith("--"):
                if "=" not in arg:
                    next(args, None)
                continue
            specs.append(arg)
        return specs
    if command[0] in ("python", "python3") and command[1] == "-m":
        return [command[2]]
    raise AssertionError("unexpected command {!r}".format(command))


def modules_of(command):
    return [target.split(":")[0] for target in targets_of(command)]


def nameko_service_names(command):
    """The nameko services `nameko run` would start, found exactly as it finds them."""
    from nameko.cli.run import import_service
    names = []
    for spec in targets_of(command):
        names += [getattr(cls, "name", None) for cls in import_service(spec)]
    return names


def depends(service):
    depends_on = service.get("depends_on", {})
    assert isinstance(depends_on, dict), "depends_on must use the long form with conditions"
    return {name: spec.get("condition") for name, spec in depends_on.items()}


# --- services ---------------------------------------------------------------------------------
def test_every_service_is_present(services):
    assert set(INFRA + APP_SERVICES + ONE_SHOT) <= set(services)


def test_infrastructure_images(services):
    assert services["rabbitmq"]["image"].startswith("rabbitmq:3.13-management")
    assert services["mongo"]["image"].split(":")[1].split(".")[0] == "7"


@pytest.mark.parametrize("name", APP_SERVICES + ONE_SHOT)
def test_app_services_are_built_from_the_one_dockerfile(services, name):
    service = services[name]
    assert service["build"]["context"] == "."
    assert service.get("build", {}).get("dockerfile", "Dockerfile") == "Dockerfile"
    assert service["image"] == services["personnel"]["image"]


@pytest.mark.parametrize("name", APP_SERVICES + ONE_SHOT)
def test_each_command_runs_a_module_that_exists(services, name):
    modules = modules_of(services[name]["command"])
    assert modules
    for module in modules:
        assert importlib.util.find_spec(module) is not None, "{}: module {} does not exist".format(name, module)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_each_container_runs_the_one_nameko_service_of_its_name(services, name):
    """Exactly that service (its name is the RPC queue the healthcheck looks at). A bare module would
    also make `nameko run` pick up the mixins it imports, and fail."""
    assert nameko_service_names(services[name]["command"]) == [name]


@pytest.mark.parametrize("name", INFRA + APP_SERVICES)
def test_every_long_running_service_has_a_healthcheck(services, name):
    healthcheck = services[name].get("healthcheck")
    assert healthcheck and not healthcheck.get("disable"), name
    test = healthcheck["test"]
    assert isinstance(test, list) and test[0] in ("CMD", "CMD-SHELL"), test


@pytest.mark.parametrize("name", ("personnel", "training", "inspection", "feedback"))
def test_service_healthcheck_checks_its_own_rpc_queue(services, name):
    assert services[name]["healthcheck"]["test"] == [
        "CMD", "python", "-m", "services.common.healthcheck", name]


def test_gateway_healthcheck_and_port(services):
    gateway = services["gateway"]
    test = gateway["healthcheck"]["test"]
    assert test[:5] == ["CMD", "python", "-m", "services.common.healthcheck", "--http"]
    assert test[5].endswith(":8000/health")
    assert any(str(port).endswith(":8000") for port in gateway["ports"])


def test_infrastructure_healthchecks(services):
    assert "rabbitmq-diagnostics" in services["rabbitmq"]["healthcheck"]["test"]
    assert "mongosh" in services["mongo"]["healthcheck"]["test"]
    assert "ping" in " ".join(services["mongo"]["healthcheck"]["test"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_infrastructure_and_broker_setup(services, name):
    conditions = depends(services[name])
    assert conditions.get("rabbitmq") == "service_healthy"
    assert conditions.get("mongo") == "service_healthy"
    assert conditions.get("broker-setup") == "service_completed_successfully"


def test_broker_setup_is_a_one_shot_after_the_broker(services):
    setup = services["broker-setup"]
    assert modules_of(setup["command"]) == ["services.common.broker_setup"]
    assert depends(setup) == {"rabbitmq": "service_healthy"}
    assert str(setup.get("restart", "no")) == "no"
    # It needs the management API; the services only need AMQP.
    assert "@rabbitmq:15672" in setup["environment"]["RABBITMQ_MANAGEMENT_URL"]


def test_app_services_use_the_compose_database(services):
    for name in APP_SERVICES:
        assert services[name]["environment"]["MONGO_URI"] == "mongodb://mongo:27017"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_each_app_container_connects_to_the_broker_as_its_own_user(services, name):
    """Issue #12: the user broker_setup provisions for it, with the password compose requires."""
    from services.common.broker_setup import password_variable
    uri = services[name]["environment"]["AMQP_URI"]
    assert uri.startswith("amqp://${BROKER_USER_PREFIX:-camau-}%s:" % name)
    assert ":${%s:?" % password_variable(name) in uri
    assert uri.endswith("@rabbitmq:5672/")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_no_app_container_gets_the_admins_or_anothers_broker_password(services, name):
    """env_file brings all of .env: the secrets that are not the container's own are blanked over it."""
    from services.common.broker_setup import IDENTITIES, password_variable
    environment = services[name]["environment"]
    values = " ".join(str(value) for value in environment.values() if value != environment.get("RABBITMQ_MANAGEMENT_URL"))
    assert "RABBITMQ_PASSWORD" not in values
    assert environment["RABBITMQ_PASSWORD"] == ""
    if name == "subscriptions":     # it makes agencies' broker users: the management account, and nothing else
        assert environment["RABBITMQ_MANAGEMENT_URL"].startswith("http://${RABBITMQ_USER:?")
    else:
        assert environment["RABBITMQ_MANAGEMENT_URL"] == ""
    for identity in IDENTITIES:
        assert environment[password_variable(identity)] == ""
        if identity != name:
            assert password_variable(identity) not in values


def test_only_broker_setup_holds_the_admin_account_and_every_identitys_password(services):
    from services.common.broker_setup import IDENTITIES, password_variable
    environment = services["broker-setup"]["environment"]
    assert environment["AMQP_URI"].startswith("amqp://${RABBITMQ_USER")
    assert "${RABBITMQ_PASSWORD" in environment["AMQP_URI"]
    for identity in IDENTITIES:
        assert environment[password_variable(identity)].startswith("${%s:?" % password_variable(identity))


# --- credentials --------------------------------------------------------------------------------
def test_broker_credentials_come_from_env(services):
    environment = services["rabbitmq"]["environment"]
    assert environment["RABBITMQ_DEFAULT_USER"].startswith("${RABBITMQ_USER:?")
    assert environment["RABBITMQ_DEFAULT_PASS"].startswith("${RABBITMQ_PASSWORD:?")


def test_gateway_secrets_are_required(services):
    environment = services["gateway"]["environment"]
    for variable in ("GATEWAY_ADMIN_PASSWORD", "GATEWAY_JWT_SECRET"):
        assert environment[variable].startswith("${%s:?" % variable)


@pytest.mark.parametrize("path", ["docker-compose.yml", ".env.example", "Dockerfile"])
def test_no_guest_credentials(path):
    assert "guest" not in (ROOT / path).read_text(encoding="utf-8").lower()


def test_env_file_stays_out_of_git_and_images():
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in (ROOT / ".dockerignore").read_text(encoding="utf-8").split()


def test_make_runs_local_broker_passwords_stay_out_of_git_and_images():
    from services.common.broker_setup import DEFAULT_CREDENTIALS_FILE
    assert DEFAULT_CREDENTIALS_FILE.parent == ROOT
    for ignore_file in (".gitignore", ".dockerignore"):
        assert DEFAULT_CREDENTIALS_FILE.name in (ROOT / ignore_file).read_text(encoding="utf-8").split()


# --- volumes --------------------------------------------------------------------------------------
def test_mongo_data_is_on_a_named_volume(compose, services):
    mounts = [volume.split(":") for volume in services["mongo"]["volumes"]]
    named = [source for source, target, *_ in mounts if target == "/data/db"]
    assert named and named[0] in (compose.get("volumes") or {}), "mongo /data/db needs a named volume"


# --- environment variables ----------------------------------------------------------------------
def test_every_variable_compose_uses_is_in_env_example(compose_text, documented):
    used = set(VAR_REFERENCE.findall(compose_text.replace("$$", "")))
    assert used, "expected ${VAR} references in docker-compose.yml"
    assert used - documented == set()


def yaml_scalars(node):
    """Every scalar of a YAML document (values and keys; comments are not nodes)."""
    if isinstance(node, yaml.ScalarNode):
        yield node.value
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from yaml_scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from yaml_scalars(key)
            yield from yaml_scalars(value)


def test_every_variable_config_reads_is_in_env_example(documented):
    document = yaml.compose((ROOT / "config.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    read = {name for scalar in yaml_scalars(document) for name in VAR_REFERENCE.findall(scalar)}
    assert {"AMQP_URI", "MONGO_URI", "LOG_LEVEL"} <= read
    assert read - documented == set()


def test_every_variable_the_code_reads_is_in_env_example(documented):
    read = set()
    for package in ("services", "gateway"):
        for path in (ROOT / package).rglob("*.py"):
            read |= set(CODE_ENV_READ.findall(path.read_text(encoding="utf-8")))
    assert "CONFIG_FILE" in read
    assert read - documented == set()


def test_compose_only_variables_are_documented(documented):
    assert {"RABBITMQ_USER", "RABBITMQ_PASSWORD"} <= documented


def test_every_broker_identitys_settings_are_documented(documented):
    """broker_setup and the launcher read these through helpers the pattern above does not see."""
    from services.common.broker_setup import IDENTITIES, password_variable
    assert {password_variable(identity) for identity in IDENTITIES} <= documented
    assert {"BROKER_USER_PREFIX", "BROKER_CREDENTIALS_FILE"} <= documented


# --- Dockerfile --------------------------------------------------------------------------------
def dockerfile_instructions():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [tuple(line.split(None, 1)) for line in lines]


def test_dockerfile_runs_as_a_non_root_user():
    users = [argument.strip() for keyword, argument in dockerfile_instructions() if keyword.upper() == "USER"]
    assert users, "the Dockerfile sets no USER"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")


def test_dockerfile_entry_is_exec_form():
    entries = [(keyword.upper(), argument) for keyword, argument in dockerfile_instructions()
               if keyword.upper() in ("CMD", "ENTRYPOINT")]
    assert entries, "the Dockerfile has no CMD"
    for keyword, argument in entries:
        form = json.loads(argument)  # exec form is a JSON array; shell form would not parse
        assert isinstance(form, list) and form, keyword
        assert form[0] not in ("sh", "/bin/sh", "bash", "/bin/bash"), "{} runs a shell".format(keyword)
    default = json.loads(dict(entries)["CMD"])
    assert sorted(nameko_service_names(default)) == sorted(APP_SERVICES)


def test_dockerfile_installs_the_project_and_its_config():
    instructions = dockerfile_instructions()
    assert instructions[0][0].upper() == "FROM" and instructions[0][1].startswith("python:3.11-slim")
    assert any(keyword.upper() == "RUN" and "pip install ." in argument for keyword, argument in instructions)
    assert any(keyword.upper() == "COPY" and argument.split()[0] == "config.yml" for keyword, argument in instructions)


def _declared_data(package_data, path):
    """A package-data pattern of this package or a parent package matches the file."""
    from fnmatch import fnmatch
    parts = path.relative_to(ROOT).parts
    for depth in range(1, len(parts)):
        package, relative = ".".join(parts[:depth]), "/".join(parts[depth:])
        if any(fnmatch(relative, pattern) for pattern in package_data.get(package, [])):
            return True
    return False


def test_the_image_gets_every_module():
    """`pip install .` (the image) installs only packages setuptools finds, and no data files."""
    import tomllib

    from setuptools import find_packages

    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    include = setup["packages"]["find"]["include"]
    installed = set(find_packages(where=str(ROOT), include=include))
    missing, data_files = [], []
    for top in ("services", "gateway"):
        for path in (ROOT / top).rglob("*"):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            package = ".".join(path.parent.relative_to(ROOT).parts)
            if path.suffix == ".py":
                if package not in installed:
                    missing.append(str(path.relative_to(ROOT)))
            elif not _declared_data(setup.get("package-data", {}), path):
                data_files.append(str(path.relative_to(ROOT)))
    assert missing == [], "add an __init__.py to their folder"
    assert data_files == [], "declare them in [tool.setuptools.package-data] of pyproject.toml"
