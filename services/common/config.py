"""Configuration from config.yml, with nameko's ${ENV:default} substitution.

The same syntax and constructors as `nameko run --config`, registered on a private loader so
that loading the config does not change how yaml.safe_load reads other files in the process.
"""
import os
from functools import partial
from pathlib import Path

import yaml
from nameko.cli.main import IMPLICIT_ENV_VAR_MATCHER, env_var_constructor

DEFAULT_CONFIG_PATH = Path(__file__).resolve().parents[2] / "config.yml"


class ConfigLoader(yaml.SafeLoader):
    """yaml.SafeLoader plus nameko's !env_var (implicit for ${...}) and !raw_env_var tags."""


ConfigLoader.add_constructor("!env_var", env_var_constructor)
ConfigLoader.add_constructor("!raw_env_var", partial(env_var_constructor, raw=True))
ConfigLoader.add_implicit_resolver("!env_var", IMPLICIT_ENV_VAR_MATCHER, None)


def flag(value):
    """A yes/no setting as YAML or the environment give it (true, "true", "1", "yes", "on")."""
    return value is True or str(value).strip().lower() in ("1", "true", "yes", "on")


def load_config(path=None):
    """Read config.yml (or CONFIG_FILE) resolving ${NAME:default} from the environment."""
    path = Path(path or os.environ.get("CONFIG_FILE") or DEFAULT_CONFIG_PATH)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=ConfigLoader)
