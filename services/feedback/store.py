"""Feedback storage (the only module here that speaks pymongo)."""
from pymongo import ASCENDING, DESCENDING

from services.common.documents import from_document
from services.common.errors import Conflict, NotFound
from services.common.store import BaseStore
from services.feedback.domain.model import Feedback, KnownOfficial, KnownUnit
from services.feedback.schemas import PUBLISHED_EVENTS

FEEDBACK, UNITS, OFFICIALS = "feedback", "units", "officials"



class FeedbackStore(BaseStore):
    service_name = "feedback"
    event_schemas = PUBLISHED_EVENTS
    outbox_collections = (FEEDBACK,)

    def create_indexes(self):
        # The tracking code is the public key of a feedback: unique, looked up directly.
        self.db[FEEDBACK].create_index([("tracking_code", ASCENDING)], unique=True, name="feedback_tracking_code")
        self.db[FEEDBACK].create_index([("target_unit_id", ASCENDING), ("status", ASCENDING)], name="feedback_unit")
        self.db[FEEDBACK].create_index([("official_id", ASCENDING)], name="feedback_official")
        self.db[FEEDBACK].create_index([("status", ASCENDING), ("answer_due", ASCENDING)], name="feedback_due")
        self.db[OFFICIALS].create_index([("unit_id", ASCENDING)], name="official_unit")

    # --- projections of personnel's events ----------------------------------------------------
    def project_unit(self, unit, applied_event):
        return self._project(UNITS, unit, applied_event)

    def project_official(self, official, applied_event):
        return self._project(OFFICIALS, official, applied_event)

    def find_unit(self, unit_id):
        document = self.db[UNITS].find_one({"_id": unit_id})
        return from_document(KnownUnit, document) if document else None

    def find_official(self, official_id):
        if official_id is None:
            return None
        document = self.db[OFFICIALS].find_one({"_id": official_id})
        return from_document(KnownOfficial, document) if document else None

    def _project(self, collection, entity, applied_event):
        """Insert the first time; later news about the same id replaces it (one effect per event id)."""
        current = self.db[collection].find_one({"_id": entity.id}, {"_version": 1})
        version = current["_version"] if current else None
        return self.commit(collection, entity.id, self.state_of(entity), expected_version=version,
                           applied_event=applied_event)

    # --- feedback ---------------------------------------------------------------------------
    def add_feedback(self, feedback, events):
        # A tracking-code collision (80 random bits) is practically impossible; the unique index
        # still guarantees one code never opens two records.
        self.commit(FEEDBACK, feedback.id, self.state_of(feedback), events,
                    duplicate_error=Conflict("could not allocate a tracking code; please retry"))

    def get_feedback(self, feedback_id):
        return self.get_feedback_versioned(feedback_id)[0]

    def get_feedback_versioned(self, feedback_id):
        document = self.db[FEEDBACK].find_one({"_id": feedback_id})
        if document is None:
            raise NotFound("feedback {} not found".format(feedback_id))
        return from_document(Feedback, document), document["_version"]

    def save_feedback(self, feedback, version, events):
        return self.commit(FEEDBACK, feedback.id, self.state_of(feedback), events, expected_version=version)

    def find_by_tracking_code(self, tracking_code):
        document = self.db[FEEDBACK].find_one({"tracking_code": tracking_code}) if tracking_code else None
        if document is None:
            raise NotFound("no feedback with this tracking code")
        return from_document(Feedback, document)

    def list_feedback(self, unit_id=None, offset=0, limit=50, **filters):
        query = {key: value for key, value in filters.items() if value is not None}
        if unit_id is not None:
            query["target_unit_id"] = unit_id
        cursor = self.db[FEEDBACK].find(query).sort([("received_on", DESCENDING), ("_id", ASCENDING)])
        items = [from_document(Feedback, d) for d in self.page(cursor, offset, limit)]
        return items, self.db[FEEDBACK].count_documents(query)
