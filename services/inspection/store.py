"""Inspection storage (the only module here that speaks pymongo).

Findings live inside their inspection's document, so recording one is a single atomic write with
its event. Units and officials are projections of personnel's events.
"""
import dataclasses
from datetime import date

from pymongo import ASCENDING, DESCENDING

from services.common.documents import from_document
from services.common.errors import ConcurrentUpdate
from services.common.repository import Aggregate
from services.common.store import BaseStore
from services.common.unit_scope import with_unit
from services.inspection.domain.model import Finding, Inspection, OfficialRef, UnitRef
from services.inspection.domain.plans import InspectionPlan
from services.inspection.domain.risk import FeedbackSignal
from services.inspection.events_published import PUBLISHED_EVENTS

INSPECTIONS, UNITS, OFFICIALS, PLANS, SIGNALS = "inspections", "units", "officials", "plans", "feedback_signals"
NEWEST_FIRST = [("decision_date", DESCENDING), ("_id", ASCENDING)]


class InspectionStore(BaseStore):
    service_name = "inspection"
    event_schemas = PUBLISHED_EVENTS
    outbox_collections = (INSPECTIONS,)

    # The aggregates: store.inspections.get / get_versioned / add / save (services/common/repository.py);
    # a non-string id is NotFound there.
    inspections = Aggregate(INSPECTIONS, Inspection, "inspection")
    plans = Aggregate(PLANS, InspectionPlan, "plan")

    def create_indexes(self):
        self.db[INSPECTIONS].create_index([("unit_id", ASCENDING), ("decision_date", DESCENDING)],
                                          name="inspection_unit")
        self.db[INSPECTIONS].create_index([("conclusion.result", ASCENDING)], name="inspection_result")
        self.db[INSPECTIONS].create_index([("findings.responsible_official_ids", ASCENDING)],
                                          name="inspection_responsible")
        self.db[INSPECTIONS].create_index([("plan_id", ASCENDING), ("plan_item_id", ASCENDING)],
                                          name="inspection_plan_item")
        self.db[INSPECTIONS].create_index([("recommendations.status", ASCENDING),
                                           ("recommendations.due_on", ASCENDING)], name="inspection_open_recs")
        self.db[OFFICIALS].create_index([("unit_id", ASCENDING)], name="official_unit")
        self.db[PLANS].create_index([("year", DESCENDING)], name="plan_year")
        self.db[SIGNALS].create_index([("unit_id", ASCENDING)], name="signal_unit")

    # --- projections of personnel ---------------------------------------------------------------
    def project_unit(self, unit, applied_event):
        return self.project(UNITS, UnitRef, unit, applied_event)

    def project_official(self, official, applied_event, merge):
        return self.project(OFFICIALS, OfficialRef, official, applied_event, merge)

    def get_official_versioned(self, official_id):
        return self.get_versioned(OFFICIALS, OfficialRef, official_id)

    def get_signal_versioned(self, feedback_id):
        return self.get_versioned(SIGNALS, FeedbackSignal, feedback_id)

    def save_projection(self, collection, entity, version, applied_event):
        """Insert (version None) or update from `version`; an event id already applied changes nothing."""
        raced = ConcurrentUpdate("{} {} was projected meanwhile; retry".format(collection, entity.id))
        return self.commit(collection, entity.id, self.state_of(entity), applied_event=applied_event,
                           expected_version=version, duplicate_error=raced)

    def save_official(self, official, version, applied_event):
        return self.save_projection(OFFICIALS, official, version, applied_event)

    def save_signal(self, signal, version, applied_event):
        return self.save_projection(SIGNALS, signal, version, applied_event)

    def signals_between(self, start, end, unit_ids=None):
        """Feedback records with a fact (received, substantiated, overdue) in [start, end] (within `unit_ids`)."""
        span = {"$gte": start.isoformat(), "$lte": end.isoformat()}
        query = {"unit_id": {"$ne": None}, "$or": [{"received_on": span}, {"substantiated_on": span},
                                                   {"overdue.due_on": span}]}
        cursor = self.db[SIGNALS].find(with_unit(query, "unit_id", allowed=unit_ids))
        return [from_document(FeedbackSignal, d) for d in cursor]

    def unit_names(self, unit_ids):
        cursor = self.db[UNITS].find({"_id": {"$in": list(unit_ids)}}, {"name": 1})
        return {d["_id"]: d["name"] for d in cursor}

    def find_units(self, unit_ids):
        cursor = self.db[UNITS].find({"_id": {"$in": [i for i in unit_ids if isinstance(i, str)]}})
        return {d["_id"]: from_document(UnitRef, d) for d in cursor}

    def find_unit(self, unit_id):
        document = self.db[UNITS].find_one({"_id": unit_id}) if isinstance(unit_id, str) else None
        return from_document(UnitRef, document) if document else None

    def find_officials(self, official_ids):
        """The known officials among `official_ids`, by id (unknown ids are simply absent)."""
        cursor = self.db[OFFICIALS].find({"_id": {"$in": [i for i in official_ids if isinstance(i, str)]}})
        return {document["_id"]: from_document(OfficialRef, document) for document in cursor}

    # --- inspections ----------------------------------------------------------------------------
    def list_inspections(self, unit_id=None, result=None, stage=None, form=None, plan_id=None, offset=0, limit=50,
                         unit_ids=None, after=None, total=True):
        filters = {"conclusion.result": result, "stage": stage, "form": form, "plan_id": plan_id}
        query = with_unit({key: value for key, value in filters.items() if value}, "unit_id",
                          [unit_id] if unit_id else None, unit_ids)
        return self.keyset_page(INSPECTIONS, Inspection, query, NEWEST_FIRST, after, offset, limit, total)

    def plan_item_taken_by(self, plan_id, plan_item_id):
        document = self.db[INSPECTIONS].find_one({"plan_id": plan_id, "plan_item_id": plan_item_id}, {"_id": 1})
        return document["_id"] if document else None

    def inspections_of_plan(self, plan_id):
        return [from_document(Inspection, d) for d in self.db[INSPECTIONS].find({"plan_id": plan_id})]

    def count_ad_hoc(self, year, units=None):
        return self.db[INSPECTIONS].count_documents(with_unit({"form": "AD_HOC", "decision_date": {
            "$gte": "{}-01-01".format(year), "$lte": "{}-12-31".format(year)}}, "unit_id", allowed=units))

    def last_inspections(self, start, end):
        """unit id -> the latest inspection decided in [start, end]."""
        cursor = self.db[INSPECTIONS].find({"decision_date": {"$gte": start.isoformat(), "$lte": end.isoformat()}},
                                           {"unit_id": 1, "decision_date": 1}).sort([("decision_date", ASCENDING)])
        return {d["unit_id"]: d["_id"] for d in cursor}

    def with_unflagged_overdue(self, as_of):
        """Ids of inspections with an open recommendation due before `as_of` and not yet announced."""
        cursor = self.db[INSPECTIONS].find({"recommendations": {"$elemMatch": {
            "status": "OPEN", "due_on": {"$lt": as_of.isoformat()}, "overdue_notified": False}}}, {"_id": 1})
        return [d["_id"] for d in cursor]

    # --- annual plans ---------------------------------------------------------------------------
    def find_plan(self, plan_id):
        document = self.db[PLANS].find_one({"_id": plan_id}) if isinstance(plan_id, str) else None
        return from_document(InspectionPlan, document) if document else None

    def list_plans(self, year=None, offset=0, limit=50):
        query = {"year": year} if year else {}
        return self.page_of(PLANS, InspectionPlan, query, [("year", DESCENDING), ("_id", ASCENDING)],
                            offset, limit)

    # --- findings across inspections ------------------------------------------------------------
    def list_findings(self, official_id=None, unit_id=None, offset=0, limit=50, unit_ids=None):
        """Findings (newest inspection first, then in recorded order) with their inspection's context."""
        match = with_unit({}, "unit_id", [unit_id] if unit_id else None, unit_ids)
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

    def tthc_findings(self, unit_id=None, unit_ids=None):
        """(unit id, Finding) of every finding with a TTHC domain (the period is applied by the domain)."""
        match = with_unit({}, "unit_id", [unit_id] if unit_id else None, unit_ids)
        pipeline = [{"$match": dict(match, findings={"$elemMatch": {"tthc_domain": {"$ne": None}}})},
                    {"$unwind": "$findings"}, {"$match": {"findings.tthc_domain": {"$ne": None}}},
                    {"$project": {"unit_id": 1, "findings": 1}}]
        return [(d["unit_id"], from_document(Finding, d["findings"])) for d in self.db[INSPECTIONS].aggregate(pipeline)]

    @staticmethod
    def _finding_item(document):
        conclusion = document.get("conclusion") or {}
        concluded_on = conclusion.get("concluded_on")
        return dict(dataclasses.asdict(from_document(Finding, document["findings"])),
                    inspection_id=document["_id"], unit_id=document["unit_id"],
                    inspection_title=document["title"], result=conclusion.get("result"),
                    concluded_on=date.fromisoformat(concluded_on) if concluded_on else None)
