"""docker-compose.yml runs, container by container, what `make run`'s launcher (services/common/launch.py)
runs process by process: the same identities, entry points, configuration file, broker users and
per-identity settings, so that the two shapes of the platform cannot drift apart (no Docker engine needed).

Both sides are read from their source: the compose file and the Dockerfile as compose and docker would
read them, the launcher through its own functions (PROCESSES, nameko_commands, process_environments) fed
with a made-up integrator's environment.
"""
import inspect
import posixpath
import re
import shlex
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from services.common import broker_setup, launch

ROOT = Path(__file__).resolve().parents[2]
# Built from the project image but not one of the launcher's processes: it provisions the broker before
# anything starts, which `make run` does with `broker_setup --generate-missing` before the launcher.
ONE_SHOT = {"broker-setup"}
# The launcher's config file when `make run` does not name one (launch.main's --config default).
LAUNCHER_DEFAULT_CONFIG = "config.yml"

# What compose sets on some app containers only, beside what the launcher itself gives each process its
# own of (AMQP_URI). A new per-container difference fails the tests until someone decides: added here with
# its reason, or given to every container.
COMPOSE_ONLY_DIFFERENCES = {
    # The gateway's HTTP server listens on every interface of its container, for the published port
    # (nameko's web server reads it, and only the gateway has one). Under the launcher it keeps config.yml's
    # loopback default: the launcher runs on the integrator's own machine.
    "WEB_SERVER_ADDRESS": {"gateway"},
    # The broker's management (administrator) account: only the subscriptions service creates broker
    # users at run time (agencies'). The launcher's processes all run as the same OS user, who can read
    # the same environment anyway; in compose the others get it blanked (least privilege).
    "RABBITMQ_MANAGEMENT_URL": {"subscriptions"},
    # The gateway's secrets, blanked elsewhere over what env_file brings from .env (same reason).
    "GATEWAY_ADMIN_PASSWORD": {"gateway"},
    "GATEWAY_JWT_SECRET": {"gateway"},
}
# The same for the containers' other keys (command, environment and healthcheck differ on every one: they
# are compared with the launcher's below).
COMPOSE_ONLY_SERVICE_KEYS = {
    "command": "every",
    "environment": "every",
    "healthcheck": "every",
    # The gateway starts after the services (started, not healthy: it answers partially while one is down).
    "depends_on": {"gateway"},
    # Only the gateway is published (HTTP); the services speak AMQP only, on the compose network.
    "ports": {"gateway"},
}
# Modules outside an identity's package that read an allow-listed setting (they run in the containers
# that have it): the one-shot's module, whose Management class the subscriptions service builds.
SHARED_READERS = {"RABBITMQ_MANAGEMENT_URL": {"services/common/broker_setup.py"}}

ABSENT = object()


# --- reading compose and docker as they read their files -------------------------------------------
class MissingVariable(RuntimeError):
    pass


INTERPOLATION = re.compile(r"\$\$|\$\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
                           r"|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)")


def interpolate(text, environ):
    """A compose value with the integrator's environment (.env): ${X}, ${X:-default}, ${X-default},
    ${X:?error}, ${X?error}, ${X:+other}, $X and $$ as the Compose Specification reads them."""
    if not isinstance(text, str):
        return text

    def one(match):
        if match.group(0) == "$$":
            return "$"
        name = match.group("braced") or match.group("bare")
        value, op, arg = environ.get(name), match.group("op"), match.group("arg")
        unset = value is None or (op or "").startswith(":") and value == ""
        if op in ("-", ":-"):
            return arg if unset else value
        if op in ("?", ":?"):
            if unset:
                raise MissingVariable("{}: {}".format(name, arg))
            return value
        if op in ("+", ":+"):
            return "" if unset else arg
        return value or ""

    return INTERPOLATION.sub(one, text)


def environment_of(service):
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    return environment


def nameko_run(argv):
    """(config file, specs) of `nameko run --config <file> <spec>...`, however nameko is started
    (`nameko`, `python -m nameko`, the launcher's sys.executable)."""
    argv = list(argv)
    if len(argv) > 2 and argv[1:3] == ["-m", "nameko"]:
        argv = ["nameko"] + argv[3:]
    assert argv[:2] == ["nameko", "run"], "not `nameko run`: {!r}".format(argv)
    config, specs, args = None, [], iter(argv[2:])
    for arg in args:
        if arg == "--config":
            assert config is None, "--config given twice: {!r}".format(argv)
            config = next(args)
        elif arg.startswith("--config="):
            assert config is None, "--config given twice: {!r}".format(argv)
            config = arg.split("=", 1)[1]
        else:
            assert not arg.startswith("-"), "an option the launcher does not give: {} in {!r}".format(arg, argv)
            specs.append(arg)
    return config, specs


def runs_nameko(service):
    command = service.get("command")
    return isinstance(command, list) and "nameko" in command[:3] and "run" in command[1:4]


def dockerfile_final_stage():
    """(keyword, argument) of the runtime stage (after the last FROM): what the containers run in."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    instructions = [(keyword.upper(), argument.strip()) for keyword, argument in
                    (line.split(None, 1) for line in lines)]
    last_from = max(index for index, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from + 1:]


def image_files(stage):
    """{path in the image: path in the build context} of the stage's COPYs from the context, and the final
    WORKDIR and ENV."""
    workdir, files, env = "/", {}, {}
    for keyword, argument in stage:
        if keyword == "WORKDIR":
            workdir = posixpath.join(workdir, argument)
        elif keyword == "ENV":
            tokens = shlex.split(argument)
            if "=" in tokens[0]:
                env.update(token.split("=", 1) for token in tokens)
            else:
                env[tokens[0]] = " ".join(tokens[1:])
        elif keyword == "COPY":
            tokens = shlex.split(argument)
            if any(token.startswith("--from") for token in tokens):
                continue
            tokens = [token for token in tokens if not token.startswith("--")]
            sources, destination = tokens[:-1], posixpath.join(workdir, tokens[-1])
            for source in sources:
                into_directory = tokens[-1].endswith("/") or tokens[-1] == "." or len(sources) > 1
                target = posixpath.join(destination, posixpath.basename(source)) if into_directory else destination
                files[posixpath.normpath(target)] = source
    return workdir, files, env


def odd_ones(values):
    """{container: value} -> the containers whose value is not the one most of them share; all of them
    when no value is shared by more containers than any other (e.g. each has its own)."""
    counts = Counter(repr(value) for value in values.values())
    if len(counts) == 1:
        return set()
    (common, most), *rest = counts.most_common()
    if rest and rest[0][1] == most:
        return set(values)
    return {name for name, value in values.items() if repr(value) != common}


def deviations(by_container):
    """{key: odd_ones} over each key of {container: {key: value}}, for the keys not everywhere the same."""
    keys = set().union(*by_container.values())
    found = {}
    for key in keys:
        odd = odd_ones({name: mapping.get(key, ABSENT) for name, mapping in by_container.items()})
        if odd:
            found[key] = odd
    return found


def expected_deviations(allowed, names):
    return {key: set(names) if containers == "every" else set(containers) for key, containers in allowed.items()}


def same_partition(first, second):
    """The two {name: value} tell the same names apart (equal values in one iff equal in the other)."""
    names = sorted(first)
    return all((first[a] == first[b]) == (second[a] == second[b]) for a in names for b in names)


# --- fixtures ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def app_containers(services):
    """The containers that run nameko: compose's counterpart of the launcher's processes."""
    return {name: service for name, service in services.items() if runs_nameko(service)}


@pytest.fixture(scope="module")
def image():
    return image_files(dockerfile_final_stage())


@pytest.fixture(scope="module")
def launcher_config():
    """The config file `make run` gives the launcher (relative to the repository: make runs there)."""
    runs = re.findall(r"-m services\.common\.launch\b([^\n]*)", (ROOT / "Makefile").read_text(encoding="utf-8"))
    assert len(runs) == 1, "make run no longer starts services.common.launch once"
    named = re.search(r"--config[= ](\S+)", runs[0])
    return named.group(1) if named else LAUNCHER_DEFAULT_CONFIG


@pytest.fixture(scope="module", params=[None, "trial-"], ids=["default-prefix", "own-prefix"])
def integrator_environ(request, tmp_path_factory):
    """An integrator's .env (or shell): every secret compose requires, each password its own value."""
    environ = {"RABBITMQ_USER": "admin", "RABBITMQ_PASSWORD": "admin-secret",
               "GATEWAY_ADMIN_PASSWORD": "an-admin-password", "GATEWAY_JWT_SECRET": "j" * 40,
               "MAX_WORKERS": "4",
               # No file of generated passwords: only the environment's.
               "BROKER_CREDENTIALS_FILE": str(tmp_path_factory.mktemp("credentials") / "none.json")}
    environ.update({broker_setup.password_variable(identity): "pw-" + identity
                    for identity in broker_setup.IDENTITIES})
    if request.param is not None:
        environ["BROKER_USER_PREFIX"] = request.param
    return environ


@pytest.fixture(scope="module")
def setup_environment(services, integrator_environ):
    """broker-setup's environment as compose gives it: the broker it provisions, the users and passwords."""
    return {name: interpolate(value, integrator_environ)
            for name, value in environment_of(services["broker-setup"]).items()}


@pytest.fixture(scope="module")
def compose_environments(app_containers, integrator_environ):
    return {name: {variable: interpolate(value, integrator_environ)
                   for variable, value in environment_of(service).items()}
            for name, service in app_containers.items()}


@pytest.fixture(scope="module")
def launcher_environments(setup_environment, integrator_environ, launcher_config):
    """The launcher's processes' environments, on the broker compose's broker-setup provisions (config.yml
    reads AMQP_URI from the environment, as in broker-setup's container)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AMQP_URI", setup_environment["AMQP_URI"])
        return launch.process_environments(str(ROOT / launcher_config), integrator_environ)


# --- the same identities ---------------------------------------------------------------------------
def test_the_launcher_compose_and_broker_setup_know_the_same_identities(app_containers):
    assert set(launch.PROCESSES) == set(app_containers) == set(broker_setup.IDENTITIES)


def test_every_container_of_the_project_image_is_a_launcher_process_or_the_one_shot(services, app_containers):
    built = {name for name, service in services.items() if "build" in service}
    assert built - set(app_containers) == ONE_SHOT
    for name in ONE_SHOT:
        assert not runs_nameko(services[name])


# --- the same entry point ----------------------------------------------------------------------------
@pytest.mark.parametrize("identity", list(launch.PROCESSES))
def test_each_container_runs_exactly_the_launchers_service_class_for_its_identity(app_containers, identity):
    _, compose_specs = nameko_run(app_containers[identity]["command"])
    _, launcher_specs = nameko_run(launch.nameko_commands(LAUNCHER_DEFAULT_CONFIG)[identity])
    assert compose_specs == launcher_specs == [launch.PROCESSES[identity]]


@pytest.mark.parametrize("identity", list(launch.PROCESSES))
def test_the_launchers_class_for_an_identity_is_the_nameko_service_of_that_name(identity):
    """Its name is its RPC queue (the healthcheck's), its broker user's resources and its database."""
    from nameko.cli.run import import_service
    assert [cls.name for cls in import_service(launch.PROCESSES[identity])] == [identity]


def test_the_images_default_command_runs_every_launcher_process_in_one():
    commands = [yaml.safe_load(argument) for keyword, argument in dockerfile_final_stage() if keyword == "CMD"]
    config, specs = nameko_run(commands[-1])
    assert specs == list(launch.PROCESSES.values())
    assert config == LAUNCHER_DEFAULT_CONFIG


# --- the same configuration file ---------------------------------------------------------------
@pytest.mark.parametrize("identity", list(launch.PROCESSES))
def test_each_container_runs_nameko_with_the_repositorys_config_yml_and_names_it_in_config_file(
        app_containers, image, launcher_config, identity):
    workdir, files, image_env = image
    service = app_containers[identity]
    # Nothing moves the command away from the image's WORKDIR or its nameko.
    assert "working_dir" not in service and "entrypoint" not in service
    config, _ = nameko_run(service["command"])
    in_image = posixpath.normpath(posixpath.join(workdir, config))
    assert in_image in files, "{} is not a file the image copies from the repository".format(in_image)
    assert (ROOT / files[in_image]).resolve() == (ROOT / launcher_config).resolve()
    # What reads CONFIG_FILE in the container (the healthcheck, the dlq tool) reads that file too.
    assert environment_of(service)["CONFIG_FILE"] == in_image
    assert image_env["CONFIG_FILE"] == in_image


def test_the_launcher_runs_nameko_with_its_config_file_and_names_it_in_config_file(launcher_config,
                                                                                 launcher_environments):
    for identity, command in launch.nameko_commands(launcher_config).items():
        config, _ = nameko_run(command)
        assert config == launcher_config
        assert Path(launcher_environments[identity]["CONFIG_FILE"]).resolve() == (ROOT / config).resolve()


def test_the_launcher_takes_the_broker_from_the_config_file_it_runs_with(tmp_path, integrator_environ):
    """Not from CONFIG_FILE's or the repository's file: the processes' own (`--config`)."""
    other = tmp_path / "other.yml"
    other.write_text("AMQP_URI: amqp://someone:secret@broker.example:5673/province\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONFIG_FILE", str(ROOT / "config.yml"))
        environments = launch.process_environments(str(other), integrator_environ)
    for identity, environment in environments.items():
        uri = urlparse(environment["AMQP_URI"])
        assert (uri.hostname, uri.port, uri.path) == ("broker.example", 5673, "/province")
        assert environment["CONFIG_FILE"] == str(other)


# --- the same broker identity -------------------------------------------------------------------------
@pytest.mark.parametrize("identity", list(launch.PROCESSES))
def test_each_container_connects_as_the_launcher_connects_that_identity(
        compose_environments, launcher_environments, setup_environment, integrator_environ, identity):
    """The same URI: broker-setup's host, port and vhost, the user it provisions for the identity, the
    password of broker_setup.password_variable(identity)."""
    compose_uri = compose_environments[identity]["AMQP_URI"]
    assert compose_uri == launcher_environments[identity]["AMQP_URI"]
    provisioned_user = broker_setup.user_name(identity, broker_setup.user_prefix(setup_environment))
    provisioned_password = broker_setup.identity_passwords((identity,), dict(
        setup_environment, BROKER_CREDENTIALS_FILE=integrator_environ["BROKER_CREDENTIALS_FILE"]))[identity]
    assert (urlparse(compose_uri).username, urlparse(compose_uri).password) == (provisioned_user, provisioned_password)


@pytest.mark.parametrize("identity", list(launch.PROCESSES))
def test_without_its_password_neither_shape_starts_that_identity(app_containers, integrator_environ, identity):
    variable = broker_setup.password_variable(identity)
    environ = {name: value for name, value in integrator_environ.items() if name != variable}
    with pytest.raises(broker_setup.MissingPassword, match=variable):
        launch.identity_environments("amqp://admin:admin-secret@rabbitmq:5672/", environ)
    with pytest.raises(MissingVariable, match=variable):
        interpolate(environment_of(app_containers[identity])["AMQP_URI"], environ)


# --- the same configuration -------------------------------------------------------------------------
def test_compose_sets_per_container_only_what_the_launcher_varies_or_this_list_explains(
        compose_environments, launcher_environments):
    launcher_varies = deviations(launcher_environments)
    assert launcher_varies, "the launcher gives each process its own AMQP_URI at least"
    for variable in launcher_varies:
        compose_values = {name: environment.get(variable, ABSENT) for name, environment in compose_environments.items()}
        assert ABSENT not in compose_values.values(), "{}: set in every container, as per process".format(variable)
        launcher_values = {name: environment[variable] for name, environment in launcher_environments.items()}
        assert same_partition(compose_values, launcher_values), variable
    expected = dict(expected_deviations(COMPOSE_ONLY_DIFFERENCES, compose_environments),
                    **{variable: set(compose_environments) for variable in launcher_varies})
    assert deviations(compose_environments) == expected


def test_every_app_container_differs_from_the_others_only_where_this_list_explains(app_containers):
    assert deviations(app_containers) == expected_deviations(COMPOSE_ONLY_SERVICE_KEYS, app_containers)


def test_a_setting_compose_gives_some_containers_only_matters_to_them_alone():
    """The allow-list's reasons hold: the code the other containers run does not read the setting."""
    readers = {}
    for package in ("services", "gateway"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            relative = path.relative_to(ROOT).as_posix()
            parts = path.relative_to(ROOT).parts
            owner = "gateway" if parts[0] == "gateway" else parts[1] if parts[1] in launch.PROCESSES else relative
            for variable in COMPOSE_ONLY_DIFFERENCES:
                if re.search(r"""["']{}["']""".format(variable), text):
                    readers.setdefault(variable, set()).add(owner)
    for variable, containers in COMPOSE_ONLY_DIFFERENCES.items():
        assert readers.get(variable, set()) - containers - SHARED_READERS.get(variable, set()) == set(), variable


def test_only_the_containers_given_web_server_address_run_a_web_server():
    from nameko.cli.run import import_service
    from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR
    from nameko.web.handlers import HttpRequestHandler
    serving = set()
    for identity, spec in launch.PROCESSES.items():
        [cls] = import_service(spec)
        if any(isinstance(entrypoint, HttpRequestHandler) for _, member in inspect.getmembers(cls)
               for entrypoint in getattr(member, ENTRYPOINT_EXTENSIONS_ATTR, ())):
            serving.add(identity)
    assert serving == COMPOSE_ONLY_DIFFERENCES["WEB_SERVER_ADDRESS"]


# --- the same identity in the healthchecks ------------------------------------------------------------
@pytest.mark.parametrize("identity", [identity for identity in launch.PROCESSES if identity != broker_setup.GATEWAY])
def test_each_service_containers_healthcheck_looks_at_its_own_identitys_queue(app_containers, identity):
    assert app_containers[identity]["healthcheck"]["test"] == [
        "CMD", "python", "-m", "services.common.healthcheck", identity]


def test_the_gateways_healthcheck_asks_its_own_health_route_where_it_listens(app_containers):
    from nameko.cli.run import import_service
    from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR
    gateway = app_containers[broker_setup.GATEWAY]
    port = environment_of(gateway)["WEB_SERVER_ADDRESS"].rsplit(":", 1)[1]
    assert gateway["healthcheck"]["test"] == [
        "CMD", "python", "-m", "services.common.healthcheck", "--http", "http://127.0.0.1:{}/health".format(port)]
    assert [str(published).rsplit(":", 1)[1] for published in gateway["ports"]] == [port]
    [cls] = import_service(launch.PROCESSES[broker_setup.GATEWAY])
    routes = {(entrypoint.method, entrypoint.url) for _, member in inspect.getmembers(cls)
              for entrypoint in getattr(member, ENTRYPOINT_EXTENSIONS_ATTR, ()) if hasattr(entrypoint, "url")}
    assert ("GET", "/health") in routes


# --- the comparisons themselves --------------------------------------------------------------------------
def test_interpolation_reads_variables_as_compose_does():
    environ = {"SET": "value", "EMPTY": ""}
    assert interpolate("a${SET}b$SET$$", environ) == "avaluebvalue$"
    assert interpolate("${UNSET:-d} ${EMPTY:-d} ${EMPTY-d} ${SET:-d}", environ) == "d d  value"
    assert interpolate("${SET:+x}${UNSET:+x}", environ) == "x"
    for text in ("${UNSET:?needed}", "${EMPTY:?needed}", "${UNSET?needed}"):
        with pytest.raises(MissingVariable):
            interpolate(text, environ)
    assert interpolate("${EMPTY?needed}", environ) == ""


def test_a_difference_on_some_containers_or_on_each_is_found():
    assert odd_ones({"a": 1, "b": 1, "c": 1}) == set()
    assert odd_ones({"a": 1, "b": 1, "c": ABSENT}) == {"c"}
    assert odd_ones({"a": 1, "b": 2, "c": 3}) == {"a", "b", "c"}
    assert odd_ones({"a": 1, "b": 1, "c": 2, "d": 2}) == {"a", "b", "c", "d"}
    assert deviations({"a": {"X": 1, "Y": 1}, "b": {"X": 1, "Y": 1}, "c": {"X": 1}}) == {"Y": {"c"}}
    assert same_partition({"a": 1, "b": 2}, {"a": "x", "b": "y"})
    assert not same_partition({"a": 1, "b": 1}, {"a": "x", "b": "y"})
