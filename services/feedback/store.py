"""Feedback storage (the only module here that speaks pymongo)."""
from pymongo import ASCENDING, DESCENDING

from services.common.documents import from_document
from services.common.errors import Conflict, NotFound
from services.common.repository import Aggregate, Repository
from services.common.store import BaseStore
from services.common.unit_scope import with_unit
from services.feedback.domain.dialogues import Dialogue
from services.feedback.domain.enums import OPEN_STATUSES, FeedbackStatus
from services.feedback.domain.model import Feedback, KnownOfficial, KnownUnit
from services.feedback.events_published import PUBLISHED_EVENTS

FEEDBACK, UNITS, OFFICIALS, DIALOGUES = "feedback", "units", "officials", "dialogues"
OPEN = sorted(status.value for status in OPEN_STATUSES)
# Statistics read every feedback of the period; a province receives about a thousand a year.
STATISTICS_FIELDS = {"submitter": 0, "content": 0, "title": 0, "history": 0, "_outbox": 0, "_applied": 0}


class FeedbackItems(Repository):
    def add(self, feedback, events=(), **options):
        # A tracking-code collision (80 random bits) is practically impossible; the unique index
        # still guarantees one code never opens two records.
        duplicate = Conflict("could not allocate a tracking code; please retry")
        return super().add(feedback, events, duplicate_error=duplicate, **options)


class FeedbackStore(BaseStore):
    service_name = "feedback"
    event_schemas = PUBLISHED_EVENTS
    outbox_collections = (FEEDBACK, DIALOGUES)

    # The aggregates: store.feedback.get / get_versioned / add / save (services/common/repository.py).
    feedback = Aggregate(FEEDBACK, Feedback, "feedback", FeedbackItems)
    dialogues = Aggregate(DIALOGUES, Dialogue, "dialogue")

    def create_indexes(self):
        # The tracking code is the public key of a feedback: unique, looked up directly.
        self.db[FEEDBACK].create_index([("tracking_code", ASCENDING)], unique=True, name="feedback_tracking_code")
        self.db[FEEDBACK].create_index([("target_unit_id", ASCENDING), ("status", ASCENDING)], name="feedback_unit")
        self.db[FEEDBACK].create_index([("official_id", ASCENDING)], name="feedback_official")
        self.db[FEEDBACK].create_index([("status", ASCENDING), ("answer_due", ASCENDING)], name="feedback_due")
        self.db[FEEDBACK].create_index([("status", ASCENDING), ("update_due", ASCENDING)], name="feedback_update_due")
        self.db[FEEDBACK].create_index([("status", ASCENDING), ("publication_due", ASCENDING)],
                                       name="feedback_publication_due")
        self.db[FEEDBACK].create_index([("received_on", ASCENDING)], name="feedback_received_on")
        self.db[FEEDBACK].create_index([("status", ASCENDING), ("publication.published_on", DESCENDING)],
                                       name="feedback_published")
        self.db[FEEDBACK].create_index([("assignment.officer_id", ASCENDING)], name="feedback_officer")
        self.db[OFFICIALS].create_index([("unit_id", ASCENDING)], name="official_unit")
        self.db[DIALOGUES].create_index([("unit_id", ASCENDING), ("held_on", DESCENDING)], name="dialogue_unit")
        self.db[DIALOGUES].create_index([("held_on", DESCENDING)], name="dialogue_held_on")

    # --- projections of personnel's events ----------------------------------------------------
    def project_unit(self, unit, applied_event):
        return self.project(UNITS, KnownUnit, unit, applied_event)

    def project_official(self, official, applied_event):
        return self.project(OFFICIALS, KnownOfficial, official, applied_event)

    def find_unit(self, unit_id):
        document = self.db[UNITS].find_one({"_id": unit_id})
        return from_document(KnownUnit, document) if document else None

    def find_official(self, official_id):
        if official_id is None:
            return None
        document = self.db[OFFICIALS].find_one({"_id": official_id})
        return from_document(KnownOfficial, document) if document else None

    # --- feedback ---------------------------------------------------------------------------
    def find_by_code_versioned(self, tracking_code):
        document = self.db[FEEDBACK].find_one({"tracking_code": tracking_code}) if tracking_code else None
        if document is None:
            raise NotFound("no feedback with this tracking code")
        return from_document(Feedback, document), document["_version"]

    def list_feedback(self, unit_id=None, officer_id=None, overdue=None, offset=0, limit=50, unit_ids=None,
                      after=None, total=True, **filters):
        query = {key: value for key, value in filters.items() if value is not None}
        query = with_unit(query, "target_unit_id", None if unit_id is None else [unit_id], unit_ids)
        if officer_id is not None:
            query["assignment.officer_id"] = officer_id
        if overdue is not None:
            query["overdue.0"] = {"$exists": overdue}
        return self.keyset_page(FEEDBACK, Feedback, query, [("received_on", DESCENDING), ("_id", ASCENDING)],
                                after, offset, limit, total)

    def missing_feedback(self, feedback_ids):
        found = {d["_id"] for d in self.db[FEEDBACK].find({"_id": {"$in": list(feedback_ids)}}, {"_id": 1})}
        return set(feedback_ids) - found

    # --- deadlines ----------------------------------------------------------------------------
    def with_missed_deadlines(self, today):
        """Feedback with a due day before `today` still owed: the candidates of the overdue check."""
        day = today.isoformat()
        query = {"$or": [
            {"status": {"$in": OPEN}, "answer_due": {"$lt": day}},
            {"status": {"$in": OPEN}, "update_due": {"$lt": day}},
            {"status": FeedbackStatus.ANSWERED.value, "publication_due": {"$lt": day}},
        ]}
        for document in self.db[FEEDBACK].find(query).sort([("_id", ASCENDING)]):
            yield from_document(Feedback, document), document["_version"]

    # --- publication and statistics --------------------------------------------------------
    def list_published(self, unit_id=None, procedure_code=None, procedure_domain=None, from_=None, to=None,
                       offset=0, limit=50):
        query = {"status": FeedbackStatus.PUBLISHED.value}
        for key, value in (("target_unit_id", unit_id), ("procedure_code", procedure_code),
                           ("procedure_domain", procedure_domain)):
            if value is not None:
                query[key] = value
        period = _period(from_, to)
        if period:
            query["publication.published_on"] = period
        return self.page_of(FEEDBACK, Feedback, query, [("publication.published_on", DESCENDING), ("_id", ASCENDING)],
                            offset, limit)

    def received_between(self, from_, to, unit_id=None, unit_ids=None):
        query = with_unit({"received_on": _period(from_, to)}, "target_unit_id",
                          None if unit_id is None else [unit_id], unit_ids)
        return [from_document(Feedback, dict(d, submitter=_NO_SUBMITTER, title="", content="", history=[]))
                for d in self.db[FEEDBACK].find(query, STATISTICS_FIELDS)]

    # --- dialogues ---------------------------------------------------------------------------
    def list_dialogues(self, unit_id=None, from_=None, to=None, offset=0, limit=50, unit_ids=None):
        query = with_unit({}, "unit_id", None if unit_id is None else [unit_id], unit_ids)
        period = _period(from_, to)
        if period:
            query["held_on"] = period
        return self.page_of(DIALOGUES, Dialogue, query, [("held_on", DESCENDING), ("_id", ASCENDING)],
                            offset, limit)

    def dialogues_between(self, from_, to, unit_id=None, unit_ids=None):
        return self.list_dialogues(unit_id, from_, to, limit=0, unit_ids=unit_ids)[0]


_NO_SUBMITTER = {"type": "CA_NHAN", "name": "", "address": "", "phone": ""}


def _period(from_, to):
    """A range on an ISO date field (dates are stored as ISO strings, which sort as dates)."""
    period = {}
    if from_ is not None:
        period["$gte"] = from_.isoformat()
    if to is not None:
        period["$lte"] = to.isoformat()
    return period
