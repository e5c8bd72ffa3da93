"""High availability (issue 24): docker-compose.ha.yml over docker-compose.yml, and the Kubernetes base in
deploy/kubernetes/, checked without a Docker engine or a cluster.

The override is merged over the base file as Docker Compose merges files (`merged`: the Compose
Specification's merge rules for what the two files use, themselves tested at the end), then checked as the
containers it makes. The Kubernetes base is rendered as kustomize renders it (`render`: the transformations
kustomization.yaml uses, compared with `kubectl kustomize` where that runs), then every object is validated
against the Kubernetes API's JSON schemas with kubernetes-validate, which carries the schemas (no download).
"""
import base64
import copy
import hashlib
import inspect
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import kubernetes_validate
import pytest
import yaml
from kubernetes_validate.utils import all_versions, major_minor
from packaging.version import Version

from services.common import broker_setup
from services.common.healthcheck import TIMEOUT_SECONDS as HEALTHCHECK_TIMEOUT_SECONDS
from tests.unit.test_compose_parity import environment_of, interpolate

ROOT = Path(__file__).resolve().parents[2]
HA_FILE = ROOT / "docker-compose.ha.yml"
KUBERNETES = ROOT / "deploy" / "kubernetes"
IDENTITIES = broker_setup.IDENTITIES             # the five services and the gateway
SERVICES = broker_setup.SERVICES
GATEWAY = broker_setup.GATEWAY
REPLICAS = 2
# What the HA deployment adds to .env: the nodes' shared Erlang cookie. With it, one can run code on a node.
COOKIE = "RABBITMQ_ERLANG_COOKIE"
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|COOKIE|MONGO_URI")
VAR_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?")
DOCUMENTED = re.compile(r"^#?\s*([A-Za-z_][A-Za-z0-9_]*)=", re.MULTILINE)
# The oldest Kubernetes minor the manifests are validated against (and every later one the validator ships).
OLDEST_KUBERNETES = "1.30"
KUBERNETES_VERSIONS = sorted({major_minor(version) for version in all_versions()
                              if Version(major_minor(version)) >= Version(OLDEST_KUBERNETES)}, key=Version)
# An integrator's .env: every secret compose requires, each its own value.
INTEGRATOR_ENVIRON = dict({"RABBITMQ_USER": "admin", "RABBITMQ_PASSWORD": "admin-secret", COOKIE: "c" * 40,
                           "GATEWAY_ADMIN_PASSWORD": "an-admin-password", "GATEWAY_JWT_SECRET": "j" * 40},
                          **{broker_setup.password_variable(identity): "pw-" + identity for identity in IDENTITIES})


# --- reading compose files as compose reads and merges them -------------------------------------------
class Reset:
    """`!reset`: the attribute is removed from what the earlier files set."""


RESET = Reset()


class Override:
    """`!override`: the value replaces the earlier files' instead of being merged with it."""

    def __init__(self, value):
        self.value = value


class ComposeLoader(yaml.SafeLoader):
    """YAML with compose's own tags."""


def _tagged_value(loader, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


ComposeLoader.add_constructor("!reset", lambda loader, node: RESET)
ComposeLoader.add_constructor("!override", lambda loader, node: Override(_tagged_value(loader, node)))


def load_compose(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=ComposeLoader)  # noqa: S506 - a SafeLoader


SHELL_COMMANDS = ("command", "entrypoint")
UNIQUE_RESOURCES = ("ports", "volumes", "secrets", "configs")


def _unique_key(attribute, entry):
    """What makes two entries of a unique-resource attribute the same one (ports: ip, target, published and
    protocol, compared as written in the short syntax; the others: the target)."""
    if attribute == "ports":
        if isinstance(entry, dict):
            return (entry.get("host_ip"), str(entry.get("target")), str(entry.get("published")),
                    entry.get("protocol", "tcp"))
        return str(entry)
    if isinstance(entry, dict):
        return entry.get("target")
    parts = str(entry).split(":")
    return parts[1] if len(parts) > 1 else parts[0]


def _normalised(attribute, value):
    """The list forms of environment and depends_on as compose reads them (a mapping)."""
    if attribute == "environment" and isinstance(value, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in value)
    if attribute == "depends_on" and isinstance(value, list):
        return {name: {"condition": "service_started"} for name in value}
    return value


def _resolved(value):
    """A value new to the model, its tags applied."""
    if isinstance(value, Override):
        return _resolved(value.value)
    if isinstance(value, dict):
        return {key: _resolved(item) for key, item in value.items() if item is not RESET}
    if isinstance(value, list):
        return [_resolved(item) for item in value]
    return value


def merged(base, override, path=()):
    """`override` merged over `base` by the Compose Specification's rules ("Merge"): mappings key by key,
    sequences appended, except command, entrypoint and healthcheck.test (replaced) and ports, volumes,
    secrets and configs (one entry per unique key, the later file's winning); `!reset` removes, `!override`
    replaces."""
    if isinstance(override, Override):
        return _resolved(override.value)
    in_service = len(path) == 3 and path[0] == "services"
    if in_service:
        base, override = _normalised(path[-1], base), _normalised(path[-1], override)
    if isinstance(base, dict) and isinstance(override, dict):
        result = dict(base)
        for key, value in override.items():
            if value is RESET:
                result.pop(key, None)
            elif key in result:
                result[key] = merged(result[key], value, path + (key,))
            else:
                result[key] = _resolved(value)
        return result
    if isinstance(base, list) and isinstance(override, list):
        if in_service and path[-1] in SHELL_COMMANDS or path[:1] == ("services",) and path[-2:] == ("healthcheck", "test"):
            return _resolved(override)
        if in_service and path[-1] in UNIQUE_RESOURCES:
            entries = {_unique_key(path[-1], entry): entry for entry in base}
            entries.update({_unique_key(path[-1], entry): _resolved(entry) for entry in override})
            return list(entries.values())
        return base + _resolved(override)
    return _resolved(override)


@pytest.fixture(scope="module")
def base():
    return load_compose(ROOT / "docker-compose.yml")


@pytest.fixture(scope="module")
def override():
    return load_compose(HA_FILE)


@pytest.fixture(scope="module")
def model(base, override):
    return merged(base, override)


@pytest.fixture(scope="module")
def containers(model):
    return model["services"]


def env(service, environ=INTEGRATOR_ENVIRON):
    """A container's environment with the integrator's .env (compose's interpolation)."""
    return {name: interpolate(value, environ) for name, value in environment_of(service).items()}


def depends(service):
    return {name: spec.get("condition") for name, spec in (service.get("depends_on") or {}).items()}


def named_volumes(service):
    """{target: source} of the named volumes a container mounts (not the bind mounts of files)."""
    mounts = {}
    for volume in service.get("volumes") or []:
        source, target = volume.split(":")[:2]
        if not source.startswith((".", "/")):
            mounts[target] = source
    return mounts


def bind_mounts(service):
    """{target: source} of the files a container mounts from the repository."""
    mounts = {}
    for volume in service.get("volumes") or []:
        source, target = volume.split(":")[:2]
        if source.startswith((".", "/")):
            mounts[target] = source
    return mounts


def broker_nodes(containers):
    return {name: service for name, service in containers.items()
            if str(service.get("image", "")).startswith("rabbitmq:")}


def mongo_members(containers):
    return {name: service for name, service in containers.items()
            if "--replSet" in (service.get("command") or [])}


def haproxy_sections(text):
    """{section line: [its directives]} of an HAProxy configuration (comments dropped)."""
    sections, current = {}, None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not raw[0].isspace():
            current = line.strip()
            sections[current] = []
        else:
            sections[current].append(" ".join(line.split()))
    return sections


def rabbitmq_conf(path):
    settings = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            key, _, value = line.partition("=")
            settings[key.strip()] = value.strip()
    return settings


def mongo_uri_members(uri):
    parsed = urlparse(uri)
    hosts = parsed.netloc.rpartition("@")[2].split(",")
    return hosts, parse_qs(parsed.query)


# --- compose: the override and the containers it makes --------------------------------------------------
def test_the_override_extends_the_base_services_and_adds_the_cluster_members(base, override, containers):
    """Services named in both files are the base's containers, extended (not redefined); the new ones have
    an image; the base's services all stay."""
    assert set(base["services"]) <= set(containers)
    for name, service in override["services"].items():
        if name in base["services"]:
            assert not {"image", "build"} & set(service), "{} is the base's container: extend it".format(name)
        else:
            assert service.get("image"), "{}: a new container needs an image".format(name)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_each_app_service_runs_two_replicas_that_compose_can_start_side_by_side(containers, identity):
    """`deploy.replicas` (honoured by `docker compose up` outside swarm), which a fixed container name or
    host port would forbid."""
    service = containers[identity]
    assert service.get("deploy", {}).get("replicas") == REPLICAS
    assert "container_name" not in service and "hostname" not in service
    assert not service.get("ports"), "{} publishes a host port: only one replica could bind it".format(identity)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_each_replica_runs_what_the_base_file_runs_for_its_identity(base, containers, identity):
    for attribute in ("command", "image", "build", "healthcheck", "env_file"):
        assert containers[identity].get(attribute) == base["services"][identity].get(attribute), attribute


def test_only_the_proxy_publishes_the_gateway_and_it_balances_every_replica(containers):
    proxy, gateway = containers["proxy"], containers["gateway"]
    [published] = proxy["ports"]
    assert published.startswith("${GATEWAY_PORT:-8000}:")
    container_port = published.rsplit(":", 1)[1]
    sections = haproxy_sections((ROOT / bind_mounts(proxy)["/usr/local/etc/haproxy/haproxy.cfg"]).read_text())
    [front] = [name for name, lines in sections.items()
               if name.startswith("frontend") and "bind :{}".format(container_port) in lines]
    [backend] = [line.split()[1] for line in sections[front] if line.startswith("default_backend")]
    lines = sections["backend " + backend]
    [template] = [line.split() for line in lines if line.startswith("server-template")]
    gateway_port = env(gateway)["WEB_SERVER_ADDRESS"].rsplit(":", 1)[1]
    assert template[3] == "gateway:{}".format(gateway_port), "the backend is not the gateway service"
    assert int(template[2]) >= gateway["deploy"]["replicas"], "fewer server slots than gateway replicas"
    defaults = " ".join(line for line in lines if line.startswith("default-server")) + " " + " ".join(template)
    assert " check" in defaults, "the replicas are not health-checked"
    assert "option httpchk GET /health" in lines
    # The replicas' addresses come from Docker's embedded DNS, re-read as they change.
    [resolvers] = re.findall(r"resolvers (\S+)", defaults)
    assert "nameserver docker 127.0.0.11:53" in sections["resolvers " + resolvers]


def test_the_gateway_reads_the_client_address_only_from_the_proxy_that_overwrites_it(containers):
    """GATEWAY_TRUSTED_PROXY takes the last X-Forwarded-For entry: the proxy drops what a client sent and
    writes the client's address, and the gateway is reachable only through it."""
    assert env(containers["gateway"])["GATEWAY_TRUSTED_PROXY"] == "true"
    assert not containers["gateway"].get("ports")
    proxy = containers["proxy"]
    sections = haproxy_sections((ROOT / bind_mounts(proxy)["/usr/local/etc/haproxy/haproxy.cfg"]).read_text())
    published = proxy["ports"][0].rsplit(":", 1)[1]
    [lines] = [lines for name, lines in sections.items() if "bind :{}".format(published) in lines]
    assert "http-request del-header X-Forwarded-For" in lines and "option forwardfor" in lines
    assert lines.index("http-request del-header X-Forwarded-For") < lines.index("option forwardfor")


def test_the_proxys_healthcheck_asks_its_unpublished_monitor(containers):
    proxy = containers["proxy"]
    url = proxy["healthcheck"]["test"][-1]
    port, path = urlparse(url).port, urlparse(url).path
    sections = haproxy_sections((ROOT / bind_mounts(proxy)["/usr/local/etc/haproxy/haproxy.cfg"]).read_text())
    [lines] = [lines for lines in sections.values() if "bind :{}".format(port) in lines]
    assert "monitor-uri {}".format(path) in lines
    assert any(line.startswith("monitor fail if") for line in lines), "healthy even with no gateway replica"
    assert not any(published.endswith(":{}".format(port)) for published in proxy["ports"])


@pytest.mark.parametrize("identity", IDENTITIES)
def test_each_app_service_uses_the_three_member_replica_set(containers, identity):
    hosts, options = mongo_uri_members(env(containers[identity])["MONGO_URI"])
    members = mongo_members(containers)
    assert len(members) == 3
    assert sorted(hosts) == sorted("{}:27017".format(name) for name in members)
    [replica_set] = options["replicaSet"]
    for name, member in members.items():
        command = member["command"]
        assert command[command.index("--replSet") + 1] == replica_set, name


def test_the_replica_set_is_initiated_once_with_the_members_the_services_name(containers):
    init = containers["mongo-init"]
    assert str(init.get("restart")) == "no"
    assert init["command"][0] == "mongosh"
    [script_target] = [argument for argument in init["command"] if argument.endswith(".js")]   # run, then exit
    script = (ROOT / bind_mounts(init)[script_target]).read_text(encoding="utf-8")
    [replica_set] = re.findall(r'const REPLICA_SET = "([^"]+)"', script)
    script_hosts = re.findall(r'host: "([^"]+)"', script)
    hosts, options = mongo_uri_members(env(containers["personnel"])["MONGO_URI"])
    assert options["replicaSet"] == [replica_set]
    assert sorted(script_hosts) == sorted(hosts)
    assert "rs.initiate(" in script and "NotYetInitialized" in script, "not idempotent"
    assert depends(init) == {name: "service_healthy" for name in mongo_members(containers)}
    # The first member is reached directly: before the set exists there is no primary to discover.
    assert "directConnection=true" in " ".join(init["command"])


def test_each_member_and_broker_node_keeps_its_data_on_a_volume_of_its_own(model, containers):
    for group, path in ((mongo_members(containers), "/data/db"), (broker_nodes(containers), "/var/lib/rabbitmq")):
        volumes = [named_volumes(service).get(path) for service in group.values()]
        assert None not in volumes and len(set(volumes)) == len(volumes) == 3, volumes
        assert set(volumes) <= set(model["volumes"])


def test_the_three_broker_nodes_form_the_cluster_their_config_lists(containers):
    nodes = broker_nodes(containers)
    assert len(nodes) == 3
    names = set()
    for name, node in nodes.items():
        assert node["image"] == "rabbitmq:3.13-management", name
        nodename = env(node)["RABBITMQ_NODENAME"]
        assert nodename == "rabbit@" + node["hostname"], "a node's name is rabbit@ its hostname"
        names.add(nodename)
        [config] = [source for target, source in bind_mounts(node).items()
                    if target.startswith("/etc/rabbitmq/conf.d/") and target.endswith(".conf")]
        assert (ROOT / config).resolve() == (ROOT / "deploy/rabbitmq/rabbitmq.conf").resolve(), name
    settings = rabbitmq_conf(ROOT / "deploy/rabbitmq/rabbitmq.conf")
    assert settings["cluster_formation.peer_discovery_backend"] in ("classic_config", "rabbit_peer_discovery_classic_config")
    listed = {value for key, value in settings.items() if key.startswith("cluster_formation.classic_config.nodes.")}
    assert listed == names
    assert settings["cluster_partition_handling"] == "pause_minority"


def test_the_broker_nodes_share_the_cookie_and_administrator_that_env_requires(containers):
    nodes = broker_nodes(containers)
    for variable, required in ((COOKIE, COOKIE), ("RABBITMQ_DEFAULT_USER", "RABBITMQ_USER"),
                               ("RABBITMQ_DEFAULT_PASS", "RABBITMQ_PASSWORD")):
        values = {environment_of(node)[variable] for node in nodes.values()}
        assert len(values) == 1, "{} differs between the nodes".format(variable)
        assert values.pop().startswith("${%s:?" % required), variable


@pytest.mark.parametrize("name", IDENTITIES + ("broker-setup",))
def test_every_client_reaches_the_broker_through_the_alias_every_node_carries(containers, name):
    """One URL (the platform reads AMQP_URI as one: a kombu `a;b` list would not give it one vhost) whose
    host every running node answers to (Docker's DNS gives all their addresses; py-amqp tries each)."""
    nodes = broker_nodes(containers)
    aliases = [set(node["networks"]["default"]["aliases"]) for node in nodes.values()]
    [alias] = set.intersection(*aliases)
    assert alias not in set(nodes) | {node["hostname"] for node in nodes.values()}, \
        "a node's own name: the nodes reach each other by it"
    environment = env(containers[name])
    uri = environment["AMQP_URI"]
    assert urlparse(uri).hostname == alias and urlparse(uri).port == 5672
    assert broker_setup.vhost_of(uri) == "/"
    if name in ("subscriptions", "broker-setup"):
        assert broker_setup.Management(environment["RABBITMQ_MANAGEMENT_URL"]).base == "http://{}:15672/api".format(alias)
    else:
        assert environment["RABBITMQ_MANAGEMENT_URL"] == ""


def test_a_kombu_failover_list_is_not_one_broker_url_for_the_platform():
    """Why the alias rather than kombu's own failover list: the platform's vhost of such a list is not "/"."""
    failover = "amqp://u:p@rabbitmq:5672/;amqp://u:p@rabbitmq-2:5672/;amqp://u:p@rabbitmq-3:5672/"
    assert broker_setup.vhost_of(failover) != "/"


@pytest.mark.parametrize("identity", IDENTITIES)
def test_each_app_container_connects_as_its_own_user_and_gets_no_other_secret(containers, identity):
    """The base file's rules hold in the merged model, and the Erlang cookie (which env_file brings from .env)
    is blanked too."""
    environment = environment_of(containers[identity])
    assert environment[COOKIE] == ""
    assert environment["RABBITMQ_PASSWORD"] == ""
    own = broker_setup.password_variable(identity)
    uri = environment["AMQP_URI"]
    assert uri.startswith("amqp://${BROKER_USER_PREFIX:-camau-}%s:${%s:?" % (identity, own))
    values = " ".join(str(value) for name, value in environment.items() if name != "RABBITMQ_MANAGEMENT_URL")
    for other in IDENTITIES:
        assert environment[broker_setup.password_variable(other)] == ""
        if other != identity:
            assert broker_setup.password_variable(other) not in values
    assert COOKIE not in values and "RABBITMQ_PASSWORD" not in values
    for variable in ("GATEWAY_ADMIN_PASSWORD", "GATEWAY_JWT_SECRET"):
        if identity == GATEWAY:
            assert environment[variable].startswith("${%s:?" % variable)
        else:
            assert environment[variable] == ""


def test_broker_setup_waits_for_every_node_and_holds_no_cookie(containers):
    setup = containers["broker-setup"]
    assert depends(setup) == {name: "service_healthy" for name in broker_nodes(containers)}
    assert environment_of(setup)[COOKIE] == ""


@pytest.mark.parametrize("identity", IDENTITIES)
def test_each_app_service_starts_after_the_cluster_the_replica_set_and_broker_setup(containers, identity):
    conditions = depends(containers[identity])
    for node in broker_nodes(containers):
        assert conditions[node] == "service_healthy"
    assert conditions["mongo-init"] == "service_completed_successfully"
    assert conditions["broker-setup"] == "service_completed_successfully"


def test_every_long_running_container_has_a_healthcheck(containers):
    for name, service in containers.items():
        if str(service.get("restart", "no")) == "no":
            continue
        healthcheck = service.get("healthcheck") or {}
        assert not healthcheck.get("disable"), name
        assert isinstance(healthcheck.get("test"), list) and healthcheck["test"][0] in ("CMD", "CMD-SHELL"), name


def test_every_secret_the_override_reads_from_env_is_required():
    """`${VAR:?message}`: compose refuses to start without it (no empty password, no default cookie)."""
    text = HA_FILE.read_text(encoding="utf-8")
    secrets = {name for name, _ in VAR_REFERENCE.findall(text) if SECRET_NAME.search(name)}
    assert {COOKIE, "RABBITMQ_PASSWORD"} <= secrets
    for name, operator in VAR_REFERENCE.findall(text):
        if SECRET_NAME.search(name) or name == "RABBITMQ_USER":
            assert operator == ":?", "${%s} without :?" % name


def test_every_variable_the_override_uses_is_in_env_example():
    used = set(VAR_REFERENCE.findall(HA_FILE.read_text(encoding="utf-8").replace("$$", "")))
    documented = set(DOCUMENTED.findall((ROOT / ".env.example").read_text(encoding="utf-8")))
    assert {name for name, _ in used} - documented == set()


def test_every_file_the_override_mounts_is_in_the_repository(containers):
    for name, service in containers.items():
        for source in bind_mounts(service).values():
            assert (ROOT / source).is_file(), "{} mounts {}, which is not a file".format(name, source)


# --- Kubernetes: rendering the base as kustomize does ------------------------------------------------------
NAME_REFERENCES = {"configMapRef": "ConfigMap", "configMapKeyRef": "ConfigMap", "secretRef": "Secret",
                   "secretKeyRef": "Secret"}
KUSTOMIZATION_FIELDS = {"apiVersion", "kind", "namespace", "resources", "images", "configMapGenerator",
                        "secretGenerator"}


def kustomize_env_file(path):
    """A generator's env file as kustomize reads it: KEY=VALUE lines, the value raw; blank and # lines skipped."""
    data = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.lstrip()
        if not line or line.startswith("#"):
            continue
        key, separator, value = line.partition("=")
        assert separator, "kustomize would take {}'s value from its own environment".format(key)
        data[key] = value
    return data


def kustomize_base64(value):
    """Secret data as kustomize writes it: base64, in lines of 70 characters when longer."""
    encoded = base64.b64encode(value.encode("utf-8")).decode("ascii")
    if len(encoded) <= 70:
        return encoded
    return "\n".join(encoded[start:start + 70] for start in range(0, len(encoded), 70)) + "\n"


def kustomize_hash(obj):
    """The generated name's suffix (kustomize 5's api/hasher): sha256 of the JSON of kind, data (and type),
    and name, which kustomize looks up as one "metadata/name" field and so always hashes as ""."""
    payload = {"kind": obj["kind"], "name": "", "data": obj["data"]}
    if obj["kind"] == "Secret":
        payload["type"] = obj["type"]
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    return digest[:10].translate(str.maketrans("013ae", "ghkmt"))


def generated(kind, spec, directory):
    assert set(spec) <= {"name", "envs", "literals"}, "a generator option render() does not apply"
    data = {}
    for env_file in spec.get("envs", []):
        data.update(kustomize_env_file(directory / env_file))
    for literal in spec.get("literals", []):
        key, _, value = literal.partition("=")
        data[key] = value
    obj = {"apiVersion": "v1", "kind": kind, "metadata": {"name": spec["name"]}}
    if kind == "Secret":
        obj.update(type="Opaque", data={key: kustomize_base64(value) for key, value in data.items()})
    else:
        obj["data"] = data
    obj["metadata"]["name"] += "-" + kustomize_hash(obj)
    return obj


def _image(image, rules):
    name, tag = image, None
    if ":" in image.rpartition("/")[2]:
        name, tag = image.rsplit(":", 1)
    rule = rules.get(name)
    if rule is None:
        return image
    name = rule.get("newName", name)
    if "digest" in rule:
        return "{}@{}".format(name, rule["digest"])
    tag = rule.get("newTag", tag)
    return name + (":" + tag if tag else "")


def _transform(node, renames, rules):
    """Name references to generated objects, and container images (kustomize's nameReference and images)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in NAME_REFERENCES and isinstance(value, dict) and "name" in value:
                value["name"] = renames.get((NAME_REFERENCES[key], value["name"]), value["name"])
            elif key == "volumes" and isinstance(value, list):
                for volume in value:
                    if "secret" in volume:
                        volume["secret"]["secretName"] = renames.get(("Secret", volume["secret"]["secretName"]),
                                                                     volume["secret"]["secretName"])
                    if "configMap" in volume:
                        volume["configMap"]["name"] = renames.get(("ConfigMap", volume["configMap"]["name"]),
                                                                  volume["configMap"]["name"])
            elif key in ("containers", "initContainers") and isinstance(value, list):
                for container in value:
                    container["image"] = _image(container["image"], rules)
            _transform(value, renames, rules)
    elif isinstance(node, list):
        for item in node:
            _transform(item, renames, rules)


def render(directory):
    """The objects `kustomize build directory` makes, for the fields kustomization.yaml uses."""
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text(encoding="utf-8"))
    assert set(kustomization) <= KUSTOMIZATION_FIELDS, "render() does not apply {}".format(
        set(kustomization) - KUSTOMIZATION_FIELDS)
    objects = []
    for resource in kustomization.get("resources", []):
        objects += [doc for doc in yaml.safe_load_all((directory / resource).read_text(encoding="utf-8")) if doc]
    renames = {}
    for kind, field in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
        for spec in kustomization.get(field, []):
            obj = generated(kind, spec, directory)
            renames[(kind, spec["name"])] = obj["metadata"]["name"]
            objects.append(obj)
    rules = {rule["name"]: rule for rule in kustomization.get("images", [])}
    namespace = kustomization.get("namespace")
    for obj in objects:
        if namespace and obj["kind"] == "Namespace":
            obj["metadata"]["name"] = namespace
        elif namespace:
            obj["metadata"]["namespace"] = namespace
        _transform(obj, renames, rules)
    return objects


def integrators_copy(destination):
    """deploy/kubernetes as an integrator has it: secrets.env copied from the example (a developer's real
    secrets.env is left out)."""
    shutil.copytree(KUBERNETES, destination, ignore=shutil.ignore_patterns("secrets.env"))
    shutil.copy(destination / "secrets.env.example", destination / "secrets.env")
    return destination


@pytest.fixture(scope="module")
def kustomize_dir(tmp_path_factory):
    return integrators_copy(tmp_path_factory.mktemp("kubernetes") / "base")


@pytest.fixture(scope="module")
def rendered(kustomize_dir):
    return render(kustomize_dir)


def of_kind(objects, kind):
    return {obj["metadata"]["name"]: obj for obj in objects if obj["kind"] == kind}


def component(obj):
    return obj["metadata"]["labels"]["app.kubernetes.io/component"]


@pytest.fixture(scope="module")
def deployments(rendered):
    """{identity: its Deployment}."""
    return {component(obj): obj for obj in of_kind(rendered, "Deployment").values()}


@pytest.fixture(scope="module")
def workloads(rendered, deployments):
    """The Deployments and the broker-setup Job, by component."""
    return dict(deployments, **{component(obj): obj for obj in of_kind(rendered, "Job").values()})


def the_container(workload):
    [container] = workload["spec"]["template"]["spec"]["containers"]
    return container


def decoded(secret):
    return {key: base64.b64decode(value).decode("utf-8") for key, value in secret["data"].items()}


def expanded_environment(container, rendered):
    """The container's environment as the kubelet makes it: envFrom, then env in order, each `$(VAR)` of a
    value replaced by an earlier variable (`$$` is a literal `$`); secretKeyRef and configMapKeyRef read."""
    configmaps = of_kind(rendered, "ConfigMap")
    secrets = {name: decoded(secret) for name, secret in of_kind(rendered, "Secret").items()}
    environment = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            environment.update(configmaps[source["configMapRef"]["name"]]["data"])
        else:
            environment.update(secrets[source["secretRef"]["name"]])
    for variable in container.get("env", []):
        if "value" in variable:
            environment[variable["name"]] = re.sub(
                r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)",
                lambda match: "$" if match.group(0) == "$$" else environment.get(match.group(1), match.group(0)),
                variable["value"])
        elif "secretKeyRef" in variable["valueFrom"]:
            reference = variable["valueFrom"]["secretKeyRef"]
            environment[variable["name"]] = secrets[reference["name"]][reference["key"]]
        else:
            reference = variable["valueFrom"]["configMapKeyRef"]
            environment[variable["name"]] = configmaps[reference["name"]]["data"][reference["key"]]
    return environment


def secret_keys(container):
    return {variable["valueFrom"]["secretKeyRef"]["key"] for variable in container.get("env", [])
            if "secretKeyRef" in variable.get("valueFrom", {})}


def committed_manifests():
    return sorted(KUBERNETES.glob("*.yaml"))


# --- Kubernetes: the tests ---------------------------------------------------------------------------------
def _normalised_objects(objects):
    """{(kind, name): object} with generated names' hash suffixes replaced, for comparing two renderings."""
    text = yaml.safe_dump_all(objects, sort_keys=True)
    text = re.sub(r"\b(camau-(?:settings|secrets))-[a-z0-9]{10}\b", r"\1-HASH", text)
    return {(obj["kind"], obj["metadata"]["name"]): obj for obj in yaml.safe_load_all(text) if obj}


def test_the_rendering_is_what_kubectl_kustomize_renders(kustomize_dir, rendered):
    """render() against the real kustomize, where one is installed (kubectl embeds it)."""
    if shutil.which("kustomize"):
        command = ["kustomize", "build", str(kustomize_dir)]
    elif shutil.which("kubectl"):
        command = ["kubectl", "kustomize", str(kustomize_dir)]
    else:
        pytest.skip("neither kustomize nor kubectl is installed")
    output = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    theirs = [obj for obj in yaml.safe_load_all(output) if obj]
    assert _normalised_objects(rendered) == _normalised_objects(theirs)
    # And the same generated names (kustomize's hash), so references agree with what kubectl applies.
    assert sorted(obj["metadata"]["name"] for obj in rendered) == sorted(obj["metadata"]["name"] for obj in theirs)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_object_is_valid_against_the_kubernetes_schemas(rendered, version):
    """Strict: an unknown field (a typo such as `readinessProbes`) is an error, not ignored."""
    assert len(rendered) > 10
    errors = []
    for obj in rendered:
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            errors.append("{}/{} at {}: {}".format(obj["kind"], obj["metadata"]["name"],
                                                   "/".join(map(str, error.absolute_path)), error.message))
        except kubernetes_validate.SchemaNotFoundError as error:
            errors.append(error.message)
    assert errors == []


def test_every_identity_runs_as_a_deployment_of_two_replicas(deployments):
    assert set(deployments) == set(IDENTITIES)
    selectors = []
    for identity, deployment in deployments.items():
        spec = deployment["spec"]
        assert spec["replicas"] == REPLICAS, identity
        assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0, "a rollout may leave no pod ready"
        labels = spec["template"]["metadata"]["labels"]
        assert spec["selector"]["matchLabels"].items() <= labels.items(), identity
        selectors.append(tuple(sorted(spec["selector"]["matchLabels"].items())))
    assert len(set(selectors)) == len(selectors), "two Deployments select the same pods"


@pytest.mark.parametrize("identity", IDENTITIES)
def test_each_deployment_runs_what_compose_runs_for_its_identity(base, deployments, identity):
    container = the_container(deployments[identity])
    assert container["command"] == base["services"][identity]["command"]
    assert container["image"] == base["services"][identity]["image"]
    assert "args" not in container and "workingDir" not in container


@pytest.mark.parametrize("identity", SERVICES)
def test_each_services_probes_run_its_own_healthcheck(deployments, identity):
    container = the_container(deployments[identity])
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert container[probe]["exec"]["command"] == ["python", "-m", "services.common.healthcheck", identity], probe
        # Longer than the check's own broker timeout: the kubelet must not kill a check that is still deciding.
        assert container[probe]["timeoutSeconds"] > HEALTHCHECK_TIMEOUT_SECONDS, probe


def test_the_gateways_liveness_is_health_and_readiness_is_ready_where_it_listens(deployments, rendered):
    from nameko.cli.run import import_service
    from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

    from services.common import launch
    container = the_container(deployments[GATEWAY])
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    address = expanded_environment(container, rendered)["WEB_SERVER_ADDRESS"]
    assert address.rsplit(":", 1) == ["0.0.0.0", str(ports["http"])]
    probes = {probe: (container[probe]["httpGet"]["path"], ports[container[probe]["httpGet"]["port"]])
              for probe in ("startupProbe", "livenessProbe", "readinessProbe")}
    assert probes == {"startupProbe": ("/health", ports["http"]), "livenessProbe": ("/health", ports["http"]),
                      "readinessProbe": ("/ready", ports["http"])}
    [cls] = import_service(launch.PROCESSES[GATEWAY])
    routes = {(entrypoint.method, entrypoint.url) for _, member in inspect.getmembers(cls)
              for entrypoint in getattr(member, ENTRYPOINT_EXTENSIONS_ATTR, ()) if hasattr(entrypoint, "url")}
    assert {("GET", "/health"), ("GET", "/ready")} <= routes


def test_each_deployment_has_a_disruption_budget_that_keeps_one_of_its_pods(rendered, deployments):
    budgets = of_kind(rendered, "PodDisruptionBudget")
    for identity, deployment in deployments.items():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        selecting = [name for name, budget in budgets.items()
                     if budget["spec"]["selector"]["matchLabels"].items() <= labels.items()]
        assert len(selecting) == 1, "{}: {} budgets".format(identity, len(selecting))
        budget = budgets[selecting[0]]["spec"]
        assert budget["minAvailable"] == 1 < deployment["spec"]["replicas"], identity
    assert len(budgets) == len(deployments)


def test_the_gateway_service_sends_to_the_gateway_pods_only_on_their_http_port(rendered, deployments):
    [service] = of_kind(rendered, "Service").values()
    for identity, deployment in deployments.items():
        selected = service["spec"]["selector"].items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
        assert selected == (identity == GATEWAY), identity
    [port] = service["spec"]["ports"]
    assert port["targetPort"] in {port["name"] for port in the_container(deployments[GATEWAY])["ports"]}


def test_the_broker_setup_job_provisions_with_the_administrator_and_every_identitys_password(rendered, workloads):
    job = workloads["broker-setup"]
    assert job["kind"] == "Job" and job["spec"]["template"]["spec"]["restartPolicy"] in ("OnFailure", "Never")
    container = the_container(job)
    assert container["command"] == ["python", "-m", "services.common.broker_setup"]
    environment = expanded_environment(container, rendered)
    secrets = decoded(next(iter(of_kind(rendered, "Secret").values())))
    uri = urlparse(environment["AMQP_URI"])
    assert (uri.username, uri.password) == (secrets["RABBITMQ_USER"], secrets["RABBITMQ_PASSWORD"])
    management = broker_setup.Management(environment["RABBITMQ_MANAGEMENT_URL"])
    assert management.session.auth == (secrets["RABBITMQ_USER"], secrets["RABBITMQ_PASSWORD"])
    assert management.base == "http://{}:15672/api".format(uri.hostname)
    passwords = broker_setup.identity_passwords(environ=dict(environment, BROKER_CREDENTIALS_FILE="/nonexistent"))
    assert passwords == {identity: secrets[broker_setup.password_variable(identity)] for identity in IDENTITIES}


def test_each_workload_gets_only_the_secret_keys_it_needs(workloads):
    admin = {"RABBITMQ_USER", "RABBITMQ_PASSWORD"}
    expected = {service: {"MONGO_URI", broker_setup.password_variable(service)} for service in SERVICES}
    expected["subscriptions"] |= admin        # it makes agencies' broker users
    expected[GATEWAY] = {"MONGO_URI", broker_setup.password_variable(GATEWAY), "GATEWAY_ADMIN_PASSWORD",
                         "GATEWAY_JWT_SECRET"}
    expected["broker-setup"] = admin | {broker_setup.password_variable(identity) for identity in IDENTITIES}
    assert {name: secret_keys(the_container(workload)) for name, workload in workloads.items()} == expected
    for name, workload in workloads.items():
        assert all("secretRef" not in source for source in the_container(workload).get("envFrom", [])), \
            "{} takes the whole Secret".format(name)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_each_pods_broker_and_database_urls_are_its_own_identitys(rendered, deployments, identity):
    environment = expanded_environment(the_container(deployments[identity]), rendered)
    settings = next(iter(of_kind(rendered, "ConfigMap").values()))["data"]
    secrets = decoded(next(iter(of_kind(rendered, "Secret").values())))
    expected = broker_setup.amqp_uri_for(
        "amqp://admin:x@{}:{}/".format(settings["BROKER_HOST"], settings["BROKER_PORT"]),
        broker_setup.user_name(identity, settings["BROKER_USER_PREFIX"]),
        secrets[broker_setup.password_variable(identity)])
    assert environment["AMQP_URI"] == expected
    assert broker_setup.vhost_of(environment["AMQP_URI"]) == "/"
    assert environment["MONGO_URI"] == secrets["MONGO_URI"]
    if identity == "subscriptions":
        management = broker_setup.Management(environment["RABBITMQ_MANAGEMENT_URL"])
        assert management.session.auth == (secrets["RABBITMQ_USER"], secrets["RABBITMQ_PASSWORD"])
    else:
        assert "RABBITMQ_MANAGEMENT_URL" not in environment


def test_every_variable_a_manifest_refers_to_is_defined_before_it(rendered, workloads):
    """The kubelet leaves an undefined `$(VAR)` as it is: it would be a broken URL, not an error."""
    configmaps = of_kind(rendered, "ConfigMap")
    for name, workload in workloads.items():
        container = the_container(workload)
        defined = set()
        for source in container.get("envFrom", []):
            defined |= set(configmaps[source["configMapRef"]["name"]]["data"])
        for variable in container.get("env", []):
            for reference in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", variable.get("value", "")):
                assert reference in defined, "{}: {} uses $({}) before it is defined".format(
                    name, variable["name"], reference)
            defined.add(variable["name"])


def test_the_example_secrets_are_exactly_the_keys_the_manifests_use_and_only_placeholders(workloads):
    example = kustomize_env_file(KUBERNETES / "secrets.env.example")
    used = set().union(*(secret_keys(the_container(workload)) for workload in workloads.values()))
    assert set(example) == used
    for key, value in example.items():
        assert "change-me" in value, "{} in the example is not a placeholder".format(key)
    hosts, options = mongo_uri_members(example["MONGO_URI"])
    assert len(hosts) == 3 and options.get("replicaSet"), "the example MONGO_URI is not a three-member replica set"


def test_no_secret_value_is_in_a_committed_manifest():
    """The Secret is generated from secrets.env (git-ignored); the manifests only name its keys."""
    for path in committed_manifests():
        for obj in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if not obj:
                continue
            assert obj["kind"] != "Secret", "{} commits a Secret".format(path.name)
            for container in obj.get("spec", {}).get("template", {}).get("spec", {}).get("containers", []):
                for variable in container.get("env", []):
                    value = variable.get("value")
                    if value is None:
                        continue
                    assert not SECRET_NAME.search(variable["name"]), \
                        "{}: {} has a literal value".format(path.name, variable["name"])
                    userinfo = urlparse(value).netloc.rpartition("@")[0] if "://" in value else ""
                    if ":" in userinfo:
                        assert re.fullmatch(r"\$\([A-Z_]+\)", userinfo.split(":", 1)[1]), \
                            "{}: {} has a literal password".format(path.name, variable["name"])
    settings = kustomize_env_file(KUBERNETES / "settings.env")
    assert not [key for key in settings if SECRET_NAME.search(key)], "a secret in the ConfigMap"


def test_the_real_secrets_file_stays_out_of_git():
    relative = (KUBERNETES / "secrets.env").relative_to(ROOT)
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True, check=False).returncode:
        pytest.skip("not a git checkout")
    checked = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", str(relative)], check=False)
    assert checked.returncode == 0, "{} is not git-ignored".format(relative)
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--", str(relative)],
                             capture_output=True, text=True, check=True).stdout
    assert tracked == ""


def _quantity(text):
    units = {"m": 0.001, "Ki": 2 ** 10, "Mi": 2 ** 20, "Gi": 2 ** 30}
    for unit, factor in units.items():
        if str(text).endswith(unit):
            return float(str(text)[:-len(unit)]) * factor
    return float(text)


def test_every_container_has_resource_requests_within_its_limits(workloads):
    for name, workload in workloads.items():
        resources = the_container(workload)["resources"]
        for resource in ("cpu", "memory"):
            assert resource in resources["requests"], "{}: no {} request".format(name, resource)
            if resource in resources.get("limits", {}):
                assert _quantity(resources["requests"][resource]) <= _quantity(resources["limits"][resource]), name
        assert "memory" in resources.get("limits", {}), "{}: no memory limit".format(name)


def test_the_pods_run_as_the_images_user_on_a_read_only_root_with_a_writable_tmp(rendered, workloads):
    """The restricted Pod Security Standard, which the namespace enforces; the heartbeat file is in the
    temporary directory (services/common/heartbeat.py)."""
    import tempfile
    users = re.findall(r"^USER\s+(\d+)", (ROOT / "Dockerfile").read_text(encoding="utf-8"), re.MULTILINE)
    [namespace] = of_kind(rendered, "Namespace").values()
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    for name, workload in workloads.items():
        pod = workload["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert str(pod["securityContext"]["runAsUser"]) == users[-1], name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod["automountServiceAccountToken"] is False, name
        container = the_container(workload)
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False and context["capabilities"]["drop"] == ["ALL"], name
        assert context["readOnlyRootFilesystem"] is True, name
        [tmp] = [mount for mount in container["volumeMounts"] if mount["mountPath"] == tempfile.gettempdir()]
        [volume] = [volume for volume in pod["volumes"] if volume["name"] == tmp["name"]]
        assert "emptyDir" in volume, name


def test_kustomize_images_renames_every_container(tmp_path):
    directory = integrators_copy(tmp_path / "base")
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text(encoding="utf-8"))
    [rule] = kustomization["images"]
    rule.update(newName="registry.example.org/camau-civilservice", newTag="1.2.3")
    (directory / "kustomization.yaml").write_text(yaml.safe_dump(kustomization), encoding="utf-8")
    images = {container["image"] for obj in render(directory) if obj["kind"] in ("Deployment", "Job")
              for container in obj["spec"]["template"]["spec"]["containers"]}
    assert images == {"registry.example.org/camau-civilservice:1.2.3"}


def test_a_changed_secret_renames_the_secret_and_rolls_every_pod_that_uses_it(tmp_path, rendered):
    directory = integrators_copy(tmp_path / "base")
    text = (directory / "secrets.env").read_text(encoding="utf-8")
    (directory / "secrets.env").write_text(text.replace("change-me-personnel-broker-password", "rotated"),
                                           encoding="utf-8")
    after = render(directory)
    assert set(of_kind(after, "Secret")) != set(of_kind(rendered, "Secret"))
    templates = {obj["metadata"]["name"]: obj["spec"]["template"] for obj in rendered if "template" in obj.get("spec", {})}
    for obj in after:
        if "template" in obj.get("spec", {}):
            assert obj["spec"]["template"] != templates[obj["metadata"]["name"]], \
                "{} keeps its pods on the old Secret".format(obj["metadata"]["name"])


def test_the_settings_are_documented_variables_or_what_the_manifests_build_urls_from(workloads):
    settings = kustomize_env_file(KUBERNETES / "settings.env")
    documented = set(DOCUMENTED.findall((ROOT / ".env.example").read_text(encoding="utf-8")))
    referenced = set()
    for workload in workloads.values():
        for variable in the_container(workload).get("env", []):
            referenced |= set(re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", variable.get("value", "")))
    assert set(settings) - documented <= referenced, "a setting no code nor manifest reads"


# --- the comparisons themselves ------------------------------------------------------------------------
def _compose(text):
    return yaml.load(text, Loader=ComposeLoader)  # noqa: S506 - a SafeLoader


def test_the_merge_follows_the_compose_rules_these_files_rely_on():
    base = _compose("""
services:
  a:
    image: x
    command: ["one"]
    dns: [1.1.1.1]
    environment: {A: "1", B: "2"}
    ports: ["8000:8000"]
    volumes: ["data:/data", "./a.conf:/etc/a.conf"]
    healthcheck: {test: ["CMD", "one"], interval: 5s}
    depends_on: [b]
""")
    override = _compose("""
services:
  a:
    command: ["two"]
    dns: [8.8.8.8]
    environment: ["B=3", "C=4"]
    volumes: ["other:/data"]
    healthcheck: {test: ["CMD", "two"]}
    depends_on: {c: {condition: service_healthy}}
    labels: !override {only: this}
  b:
    image: y
    ports: !reset []
""")
    service = merged(base, override)["services"]["a"]
    assert service["command"] == ["two"]
    assert service["dns"] == ["1.1.1.1", "8.8.8.8"]
    assert service["environment"] == {"A": "1", "B": "3", "C": "4"}
    assert service["ports"] == ["8000:8000"]
    assert sorted(service["volumes"]) == ["./a.conf:/etc/a.conf", "other:/data"]
    assert service["healthcheck"] == {"test": ["CMD", "two"], "interval": "5s"}
    assert service["depends_on"] == {"b": {"condition": "service_started"}, "c": {"condition": "service_healthy"}}
    assert service["labels"] == {"only": "this"}
    assert merged(base, _compose("services: {a: {ports: !reset []}}"))["services"]["a"].get("ports") is None
    assert merged(base, _compose("services: {a: {ports: !override ['9000:9000']}}"))["services"]["a"]["ports"] == ["9000:9000"]
    assert merged(base, override)["services"]["b"] == {"image": "y"}


def test_the_environment_expansion_reads_variables_as_the_kubelet_does():
    rendered = [{"kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"HOST": "h"}},
                {"kind": "Secret", "metadata": {"name": "secrets"},
                 "data": {"PASSWORD": base64.b64encode(b"p$(HOST)").decode()}}]
    container = {"envFrom": [{"configMapRef": {"name": "settings"}}],
                 "env": [{"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "secrets", "key": "PASSWORD"}}},
                         {"name": "URL", "value": "amqp://u:$(PASSWORD)@$(HOST)/$(LATER)$$(HOST)"},
                         {"name": "LATER", "value": "x"}]}
    assert expanded_environment(container, rendered)["URL"] == "amqp://u:p$(HOST)@h/$(LATER)$(HOST)"


def test_the_hash_suffix_is_kustomizes():
    """kustomize 5 names `configMapGenerator: [{name: x, literals: [a=b]}]` x-4h2mbtbbt6."""
    assert kustomize_hash({"kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "b"}}) == "4h2mbtbbt6"
    secret = copy.deepcopy({"kind": "Secret", "type": "Opaque", "data": {"a": kustomize_base64("b" * 60)}})
    assert "\n" in secret["data"]["a"] and base64.b64decode(secret["data"]["a"]) == b"b" * 60
