"""A generic repository: what every aggregate's store used to write out as four methods (get,
get_versioned, add, save), stated once on top of BaseStore.commit.

Why a descriptor: a store declares an aggregate in one line (`courses = Aggregate(COURSES, Course,
"course")`) and `store.courses` is then a Repository bound to that store instance, so it writes through
the store's database, correlation id and outbox bookkeeping (`written`, `_read`). The repository speaks
no pymongo itself: store.py stays the only module of a service that does.
"""
from services.common.errors import NotFound


class Repository:
    """One aggregate's documents in one collection of one store."""

    def __init__(self, store, collection, entity_class, label):
        self.store = store
        self.collection = collection
        self.entity_class = entity_class
        self.label = label        # names the aggregate in NotFound ("course crs-1 not found")

    def get(self, entity_id):
        """The entity; NotFound naming the label when there is none."""
        return self.store.get_entity(self.collection, self.entity_class, self._checked(entity_id), self.label)

    def get_versioned(self, entity_id):
        """(entity, version) to change and then `save` at that version; NotFound naming the label."""
        return self.store.get_versioned(self.collection, self.entity_class, self._checked(entity_id), self.label)

    def find_versioned(self, entity_id):
        """(entity, version), or (None, None) when there is none: saving at version None then inserts it
        (an entity whose id derives from its facts, e.g. one evaluation per official and year)."""
        return self.store.get_versioned(self.collection, self.entity_class, self._checked(entity_id))

    def state(self, entity):
        """The stored fields of an entity; an aggregate that stores more (a search key) overrides this."""
        return self.store.state_of(entity)

    def _checked(self, entity_id):
        # Ids are strings: anything else (a query operator such as {"$gt": ""} sent over RPC) names no
        # document, and must not reach the query as one.
        if not isinstance(entity_id, str):
            raise NotFound("{} {} not found".format(self.label, entity_id))
        return entity_id

    def add(self, entity, events=(), applied_event=None, duplicate_error=None, exists_ok=False):
        """Insert a new entity with its events (BaseStore.commit: False when nothing was written)."""
        return self.store.commit(self.collection, entity.id, self.state(entity), events,
                                 applied_event=applied_event, duplicate_error=duplicate_error,
                                 exists_ok=exists_ok)

    def save(self, entity, version, events=(), applied_event=None):
        """Update an entity read at `version`, with its events: ConcurrentUpdate when it moved since;
        False, writing nothing, when `applied_event` was already applied to it."""
        return self.store.commit(self.collection, entity.id, self.state(entity), events,
                                 expected_version=version, applied_event=applied_event)


class Aggregate:
    """Declares an aggregate on a BaseStore subclass; reading it from a store gives its Repository.

    `repository_class`: a Repository subclass for an aggregate with its own insert rule (a unique code
    checked first to name the field) or stored fields; it lives in the store's module, next to its queries."""

    def __init__(self, collection, entity_class, label, repository_class=Repository):
        self.collection = collection
        self.entity_class = entity_class
        self.label = label
        self.repository_class = repository_class
        self.attribute = None

    def __set_name__(self, owner, attribute):
        self.attribute = attribute

    def __get__(self, store, owner=None):
        if store is None:          # read from the class: the declaration itself
            return self
        repository = self.repository_class(store, self.collection, self.entity_class, self.label)
        # Kept on the instance (a non-data descriptor is then shadowed): one repository per store.
        store.__dict__[self.attribute] = repository
        return repository
