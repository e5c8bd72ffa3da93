"""Inspection storage (the only module here that speaks pymongo).

Findings live inside their inspection's document, so recording one is a single atomic write with
its event. Units and officials are projections of personnel's events.
"""
import dataclasses
from datetime import date

from pymongo import ASCENDING, DESCENDING

from services.common.documents import from_document
from services.common.errors import ConcurrentUpdate, NotFound
from services.common.store import BaseStore
from services.inspection.domain.model import Finding, Inspection, OfficialRef, UnitRef
from services.inspection.schemas import PUBLISHED_EVENTS

INSPECTIONS, UNITS, OFFICIALS = "inspections", "units", "officials"
NEWEST_FIRST = [("decision_date", DESCENDING), ("_id", ASCENDING)]



class InspectionStore(BaseStore):
    service_name = "inspection"
    event_schemas = PUBLISHED_EVENTS
    outbox_collections = (INSPECTIONS,)

    def create_indexes(self):
        self.db[INSPECTIONS].create_index([("unit_id", ASCENDING), ("decision_date", DESCENDING)],
                                          name="inspection_unit")
        self.db[INSPECTIONS].create_index([("conclusion.result", ASCENDING)], name="inspection_result")
        self.db[INSPECTIONS].create_index([("findings.responsible_official_ids", ASCENDING)],
                                          name="inspection_responsible")
        self.db[OFFICIALS].create_index([("unit_id", ASCENDING)], name="official_unit")

    # --- projections of personnel ---------------------------------------------------------------
    def project_unit(self, unit, applied_event):
        return self._project(UNITS, unit, applied_event)

    def project_official(self, official, applied_event):
        return self._project(OFFICIALS, official, applied_event)

    def _project(self, collection, entity, applied_event):
        """Insert or replace the projected copy; an event id already applied changes nothing."""
        current = self.db[collection].find_one({"_id": entity.id}, {"_version": 1})
        raced = ConcurrentUpdate("{} {} was projected meanwhile; retry".format(collection, entity.id))
        return self.commit(collection, entity.id, self.state_of(entity), applied_event=applied_event,
                           expected_version=current["_version"] if current else None, duplicate_error=raced)

    def find_unit(self, unit_id):
        document = self.db[UNITS].find_one({"_id": unit_id}) if isinstance(unit_id, str) else None
        return from_document(UnitRef, document) if document else None

    def find_officials(self, official_ids):
        """The known officials among `official_ids`, by id (unknown ids are simply absent)."""
        cursor = self.db[OFFICIALS].find({"_id": {"$in": [i for i in official_ids if isinstance(i, str)]}})
        return {document["_id"]: from_document(OfficialRef, document) for document in cursor}

    # --- inspections ----------------------------------------------------------------------------
    def add_inspection(self, inspection, events):
        self.commit(INSPECTIONS, inspection.id, self.state_of(inspection), events)

    def get_inspection(self, inspection_id):
        return self.get_inspection_versioned(inspection_id)[0]

    def get_inspection_versioned(self, inspection_id):
        document = self.db[INSPECTIONS].find_one({"_id": inspection_id}) if isinstance(inspection_id, str) else None
        if document is None:
            raise NotFound("inspection {} not found".format(inspection_id))
        return from_document(Inspection, document), document["_version"]

    def save_inspection(self, inspection, version, events):
        return self.commit(INSPECTIONS, inspection.id, self.state_of(inspection), events, expected_version=version)

    def list_inspections(self, unit_id=None, result=None, offset=0, limit=50):
        query = {"unit_id": unit_id} if unit_id else {}
        if result:
            query["conclusion.result"] = result
        cursor = self.db[INSPECTIONS].find(query).sort(NEWEST_FIRST)
        items = [from_document(Inspection, d) for d in self.page(cursor, offset, limit)]
        return items, self.db[INSPECTIONS].count_documents(query)

    # --- findings across inspections ------------------------------------------------------------
    def list_findings(self, official_id=None, unit_id=None, offset=0, limit=50):
        """Findings (newest inspection first, then in recorded order) with their inspection's context."""
        match = {"unit_id": unit_id} if unit_id else {}
        named = {"findings.responsible_official_ids": official_id} if official_id else {}
        pipeline = [{"$match": dict(match, **named)},
                    {"$unwind": {"path": "$findings", "includeArrayIndex": "finding_index"}},
                    {"$match": named},
                    {"$sort": {"decision_date": -1, "_id": 1, "finding_index": 1}}]
        counted = list(self.db[INSPECTIONS].aggregate(pipeline + [{"$count": "total"}]))
        page = self.db[INSPECTIONS].aggregate(pipeline + [
            {"$skip": offset}, {"$limit": limit},
            {"$project": {"findings": 1, "unit_id": 1, "title": 1, "conclusion": 1}}])
        return [self._finding_item(d) for d in page], counted[0]["total"] if counted else 0

    @staticmethod
    def _finding_item(document):
        conclusion = document.get("conclusion") or {}
        concluded_on = conclusion.get("concluded_on")
        return dict(dataclasses.asdict(from_document(Finding, document["findings"])),
                    inspection_id=document["_id"], unit_id=document["unit_id"],
                    inspection_title=document["title"], result=conclusion.get("result"),
                    concluded_on=date.fromisoformat(concluded_on) if concluded_on else None)
