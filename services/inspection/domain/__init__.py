"""Pure inspection rules (stdlib + dataclasses only). Legal basis: see domain/law.py."""
