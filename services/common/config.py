"""Configuration from config.yml, with nameko's ${ENV:default} substitution."""
import os
from pathlib import Path

import yaml
from nameko.cli.main import setup_yaml_parser

DEFAULT_CONFIG_PATH = Path(__file__).resolve().parents[2] / "config.yml"


def load_config(path=None):
    """Read config.yml (or CONFIG_FILE) resolving ${NAME:default} from the environment."""
    setup_yaml_parser()
    path = Path(path or os.environ.get("CONFIG_FILE") or DEFAULT_CONFIG_PATH)
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
