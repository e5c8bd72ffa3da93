"""Personnel storage (the only module here that speaks pymongo)."""
from pymongo import ASCENDING

from services.common.documents import from_document
from services.common.errors import Conflict, NotFound
from services.common.store import BaseStore
from services.personnel.domain.model import Official, OrgUnit, Position, ReviewCase
from services.personnel.schemas import PUBLISHED_EVENTS

UNITS, POSITIONS, OFFICIALS, REVIEWS = "units", "positions", "officials", "reviews"



class PersonnelStore(BaseStore):
    service_name = "personnel"
    event_schemas = PUBLISHED_EVENTS
    outbox_collections = (UNITS, POSITIONS, OFFICIALS, REVIEWS)

    def create_indexes(self):
        self.db[UNITS].create_index([("code", ASCENDING)], unique=True, name="unit_code")
        self.db[UNITS].create_index([("parent_id", ASCENDING)], name="unit_parent")
        self.db[POSITIONS].create_index([("unit_id", ASCENDING)], name="position_unit")
        self.db[OFFICIALS].create_index([("national_id", ASCENDING)], unique=True, name="official_national_id")
        self.db[OFFICIALS].create_index([("unit_id", ASCENDING), ("full_name", ASCENDING)], name="official_unit")
        self.db[REVIEWS].create_index([("official_id", ASCENDING)], name="review_official")

    # --- units ------------------------------------------------------------------------------
    def add_unit(self, unit, events):
        if self.db[UNITS].count_documents({"code": unit.code}, limit=1):
            raise Conflict("unit code already used", fields={"code": ["{} already exists".format(unit.code)]})
        self.commit(UNITS, unit.id, self.state_of(unit), events)

    def get_unit(self, unit_id):
        return self.get_entity(UNITS, OrgUnit, unit_id, "unit")

    def list_units(self):
        return [from_document(OrgUnit, d) for d in self.db[UNITS].find({}).sort("code", ASCENDING)]

    # --- positions --------------------------------------------------------------------------
    def add_position(self, position, events=()):
        self.commit(POSITIONS, position.id, self.state_of(position), events)

    def get_position(self, position_id):
        return self.get_entity(POSITIONS, Position, position_id, "position")

    def list_positions(self, unit_id=None):
        query = {"unit_id": unit_id} if unit_id else {}
        return [from_document(Position, d) for d in self.db[POSITIONS].find(query).sort("_id", ASCENDING)]

    # --- officials --------------------------------------------------------------------------
    def add_official(self, official, events):
        duplicate = Conflict("an official with this national ID already exists",
                             fields={"national_id": ["already registered"]})
        if self.db[OFFICIALS].count_documents({"national_id": official.national_id}, limit=1):
            raise duplicate
        self.commit(OFFICIALS, official.id, self.state_of(official), events, duplicate_error=duplicate)

    def get_official(self, official_id):
        return self.get_entity(OFFICIALS, Official, official_id, "official")

    def get_official_versioned(self, official_id):
        document = self.db[OFFICIALS].find_one({"_id": official_id})
        if document is None:
            raise NotFound("official {} not found".format(official_id))
        return from_document(Official, document), document["_version"]

    def save_official(self, official, version, events, applied_event=None):
        return self.commit(OFFICIALS, official.id, self.state_of(official), events,
                           expected_version=version, applied_event=applied_event)

    def list_officials(self, unit_id=None, offset=0, limit=50):
        query = {"unit_id": unit_id} if unit_id else {}
        cursor = self.db[OFFICIALS].find(query).sort([("full_name", ASCENDING), ("_id", ASCENDING)])
        items = [from_document(Official, d) for d in self.page(cursor, offset, limit)]
        return items, self.db[OFFICIALS].count_documents(query)

    # --- reviews ----------------------------------------------------------------------------
    def open_review(self, case, events, applied_event):
        """Insert a review case once: the same origin for the same official is one case."""
        return self.commit(REVIEWS, case.id, self.state_of(case), events, applied_event=applied_event,
                           exists_ok=True)

    def get_review(self, review_id):
        return self.get_entity(REVIEWS, ReviewCase, review_id, "review")

    def list_reviews(self, offset=0, limit=50, **filters):
        query = {key: value for key, value in filters.items() if value is not None}
        cursor = self.db[REVIEWS].find(query).sort([("opened_on", ASCENDING), ("_id", ASCENDING)])
        items = [from_document(ReviewCase, d) for d in self.page(cursor, offset, limit)]
        return items, self.db[REVIEWS].count_documents(query)


