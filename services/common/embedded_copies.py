"""The embedded store's document copies, made by type instead of by `copy.deepcopy`'s generic walk.

mongomock copies whole documents on every write (a snapshot for rollback, each `$set` value) and on
every read (projection), and rebuilds every document and filter to normalise datetimes: on the
event path these copies were a third of a consumer's CPU. The copies below give the same values
(new dicts and lists all the way down; immutable BSON scalars shared, as `copy.deepcopy` shares
them too) at a fraction of the cost; anything else still goes through `copy.deepcopy`.
Only the embedded store is patched; a real MongoDB is untouched.
"""
import copy
import types
from collections import OrderedDict
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from bson import Decimal128, Int64, ObjectId
from mongomock import collection as _collection
from mongomock import helpers

_SHARED = frozenset({str, int, float, bool, type(None), bytes, date, Decimal, UUID, ObjectId, Decimal128, Int64})
_IMMUTABLE = _SHARED | {datetime}    # normalised by mongomock, but never mutated: copies may share them
_patch_datetime_by_walk = helpers.patch_datetime_awareness_in_document


def copy_document(value, memo=None):
    """copy.deepcopy for BSON-shaped values."""
    kind = type(value)
    if kind is dict:
        return {key: copy_document(item) for key, item in value.items()}
    if kind is list:
        return [copy_document(item) for item in value]
    if kind in _IMMUTABLE:
        return value
    return copy.deepcopy(value, memo)


def _copy_field(value, container):
    """mongomock's projection copy: containers rebuilt (dicts as `container`), scalars copied."""
    kind = type(value)
    if kind is list:
        return [_copy_field(item, container) for item in value]
    if kind is dict or kind is OrderedDict:
        new = container()
        for key, item in value.items():
            new[key] = _copy_field(item, container)
        return new
    if kind in _IMMUTABLE:
        return value
    return copy.copy(value)


def patch_datetime_awareness_in_document(value):
    """mongomock's normalisation (naive UTC datetimes at millisecond precision), same containers out."""
    kind = type(value)
    if kind is dict:
        return {key: patch_datetime_awareness_in_document(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [patch_datetime_awareness_in_document(item) for item in value]
    if kind in _SHARED:
        return value
    return _patch_datetime_by_walk(value)   # datetimes, OrderedDicts, timestamps, anything else


def install():
    _collection.copy = types.SimpleNamespace(deepcopy=copy_document, copy=copy.copy)
    _collection._copy_field = _copy_field
    helpers.patch_datetime_awareness_in_document = patch_datetime_awareness_in_document
