"""A command entrypoint's shape (services/common/commands.py): an entity that moved between the command's load
and its save is loaded and decided again, not refused with a 409, unless it keeps moving."""
import pytest

from services.common.commands import ATTEMPTS, change
from services.common.errors import ConcurrentUpdate


class MovingRepository:
    """A repository whose entity is written by someone else right after each of the first `moves` loads."""

    def __init__(self, moves):
        self.entity, self.version, self.moves, self.saved = {"id": "off-1", "qualifications": []}, 1, moves, []

    def get_versioned(self, entity_id):
        loaded = (dict(self.entity), self.version)
        if self.moves:
            self.moves -= 1
            self.entity = dict(self.entity, qualifications=self.entity["qualifications"] + ["DAI_HOC"])
            self.version += 1
        return loaded

    def save(self, entity, version, events):
        if version != self.version:
            raise ConcurrentUpdate("off-1 changed meanwhile; retry")
        self.entity, self.version = entity, version + 1
        self.saved.append((entity, events))


def separate(official):
    return dict(official, separated=True), ["official_separated"]


def test_a_command_racing_another_write_is_decided_again_on_what_is_stored():
    repository = MovingRepository(moves=ATTEMPTS - 1)
    view = change(repository, "off-1", separate, lambda changed: changed)
    assert view == {"id": "off-1", "qualifications": ["DAI_HOC"] * (ATTEMPTS - 1), "separated": True}
    assert repository.saved == [(view, ["official_separated"])]       # once, with the other writes kept


def test_an_entity_that_keeps_moving_is_still_a_concurrent_update_and_nothing_is_written():
    repository = MovingRepository(moves=ATTEMPTS)
    with pytest.raises(ConcurrentUpdate):
        change(repository, "off-1", separate, lambda changed: changed)
    assert repository.saved == []
