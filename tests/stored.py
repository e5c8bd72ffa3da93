"""What a store wrote beside an entity's state, read one way for every test (services/common/store.py):
the events left for the relay (`_outbox`), the version (`_version`) and the event ids applied (`_applied`)."""


def _document(db, collection, doc_id):
    document = db[collection].find_one({"_id": doc_id})
    assert document is not None, "{} {} was not stored".format(collection, doc_id)
    return document


def pending_events(db, collection, doc_id):
    """The outbox entries of one document, oldest first: {"id", "routing_key", "at", "envelope"}."""
    return _document(db, collection, doc_id)["_outbox"]


def pending_types(db, collection, doc_id):
    """The routing keys of the events one document's writes left for the relay, oldest first."""
    return [entry["routing_key"] for entry in pending_events(db, collection, doc_id)]


def pending_payloads(db, collection, doc_id, routing_key=None):
    """The CloudEvents `data` of those events (only `routing_key`'s when given)."""
    return [entry["envelope"]["data"] for entry in pending_events(db, collection, doc_id)
            if routing_key is None or entry["routing_key"] == routing_key]


def stored_version(db, collection, doc_id):
    return _document(db, collection, doc_id)["_version"]


def applied_event_ids(db, collection, doc_id):
    return _document(db, collection, doc_id)["_applied"]
