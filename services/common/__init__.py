"""Shared kernel: configuration, storage, event envelope, outbox, reliable consumption, errors.

No domain rules live here (docs/architecture.md).
"""
