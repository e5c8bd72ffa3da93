"""Training domain: pure rules (stdlib + dataclasses only; no nameko, pymongo or marshmallow)."""
