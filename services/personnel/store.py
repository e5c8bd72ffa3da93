"""Personnel storage (the only module here that speaks pymongo)."""
import re
import unicodedata
from datetime import date

from pymongo import ASCENDING

from services.common.documents import from_document
from services.common.errors import Conflict, NotFound
from services.common.repository import Aggregate, Repository
from services.common.store import DECODE_CHUNK, BaseStore
from services.common.summaries import Dimension, Summary, totals
from services.common.unit_scope import with_unit
from services.personnel.domain.enums import OfficialStatus, ReviewStatus
from services.personnel.domain.history import standing_on, unit_ids_ever
from services.personnel.domain.model import Official, OrgUnit, Position, ReviewCase
from services.personnel.domain.records import Discipline, Evaluation, Evidence, Reward
from services.personnel.domain.recruitment import Campaign, CampaignStatus, Candidate, CandidateStatus, Probation
from services.personnel.domain.reorganisation import Reorganisation
from services.personnel.domain.leadership import ReappointmentNotice, Selection
from services.personnel.domain.promotion import PromotionRound
from services.personnel.domain.units import parent_on
from services.personnel.domain.staffing import PositionScheme
from services.personnel.domain.work_scores import WorkRecord
from services.personnel.events_published import PUBLISHED_EVENTS

UNITS, POSITIONS, OFFICIALS, REVIEWS = "units", "positions", "officials", "reviews"
DISCIPLINES, EVALUATIONS, REWARDS, EVIDENCE = "disciplines", "evaluations", "rewards", "evidence"
SCHEMES, WORK_SCORES, REORGANISATIONS = "position_schemes", "work_scores", "reorganisations"
CAMPAIGNS, CANDIDATES, PROBATIONS = "recruitment_campaigns", "recruitment_candidates", "probations"
PROMOTION_ROUNDS, SELECTIONS, NOTICES = "promotion_rounds", "leader_selections", "reappointment_notices"
# The overdue scan's query, served by one index: equality on the flag and the state, range on the deadline.
OVERDUE_SCAN_KEYS = [("overdue_notified", ASCENDING), ("status", ASCENDING), ("deadline", ASCENDING)]
OVERDUE_SCAN_BATCH = 500    # per scan; the next tick takes the rest


def folded(text):
    """Lower case without Vietnamese diacritics, so "nguyen van" finds "Nguyễn Văn"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


class Units(Repository):
    def add(self, unit, events=(), **options):
        # The unique index guards too; checked first so the Conflict names the code.
        if self.store.db[UNITS].count_documents({"code": unit.code}, limit=1):
            raise Conflict("unit code already used", fields={"code": ["{} already exists".format(unit.code)]})
        return super().add(unit, events, **options)

    def state(self, unit):
        # Every parent it ever had, so the tree as of a past date finds the units moved away since.
        parents = {entry.ref for entry in unit.parent_history} | {unit.parent_id}
        return dict(super().state(unit), parent_ids_ever=sorted(parent for parent in parents if parent))


class Positions(Repository):
    def state(self, position):
        # Every unit it was ever in, so staffing as of a past date finds positions moved since.
        return dict(super().state(position), unit_ids_ever=sorted(
            {entry.ref for entry in position.unit_history if entry.ref} | {position.unit_id}))


class Officials(Repository):
    def add(self, official, events=(), checked=False, **options):
        """`checked`: the caller already looked the national ID up (bulk import); the unique index still guards."""
        duplicate = Conflict("an official with this national ID already exists",
                             fields={"national_id": ["already registered"]})
        if not checked and self.store.db[OFFICIALS].count_documents({"national_id": official.national_id}, limit=1):
            raise duplicate
        return super().add(official, events, duplicate_error=duplicate, **options)

    def state(self, official):
        # Stored with its folded name, so a search without diacritics finds it.
        # With every unit of its history, so reports as of a past date find those who moved since.
        return dict(super().state(official), search_name=folded(official.full_name),
                    unit_ids_ever=unit_ids_ever(official))


# The annual report's counted figures (services/common/summaries.py): by the unit the record was filed under.
RATINGS = Summary("ratings", EVALUATIONS, (Dimension("unit_id", "unit_id"), Dimension("year", "year"),
                                           Dimension("rating", "rating")))
DISCIPLINE_FORMS = Summary("discipline_forms", DISCIPLINES, (
    Dimension("unit_id", "unit_id"), Dimension("year", "decided_on", year_of=True), Dimension("form", "form")))


class PersonnelStore(BaseStore):
    service_name = "personnel"
    event_schemas = PUBLISHED_EVENTS
    summaries = (RATINGS, DISCIPLINE_FORMS)
    outbox_collections = (UNITS, POSITIONS, OFFICIALS, REVIEWS, DISCIPLINES, EVALUATIONS, REORGANISATIONS, CAMPAIGNS,
                          PROBATIONS, PROMOTION_ROUNDS, SELECTIONS, NOTICES)

    # The aggregates: store.officials.get / get_versioned / add / save (services/common/repository.py).
    units = Aggregate(UNITS, OrgUnit, "unit", Units)
    positions = Aggregate(POSITIONS, Position, "position", Positions)
    officials = Aggregate(OFFICIALS, Official, "official", Officials)
    reviews = Aggregate(REVIEWS, ReviewCase, "review")
    disciplines = Aggregate(DISCIPLINES, Discipline, "discipline")
    rewards = Aggregate(REWARDS, Reward, "reward")
    evaluations = Aggregate(EVALUATIONS, Evaluation, "evaluation")    # find_versioned: a year not rated yet is None
    schemes = Aggregate(SCHEMES, PositionScheme, "scheme")
    work_scores = Aggregate(WORK_SCORES, WorkRecord, "work scores")   # one per official and year (ws-<id>-<year>)
    # Recruitment (services/personnel/service_recruitment.py): a probation is one per official (prob-<id>).
    campaigns = Aggregate(CAMPAIGNS, Campaign, "campaign")
    candidates = Aggregate(CANDIDATES, Candidate, "candidate")
    probations = Aggregate(PROBATIONS, Probation, "probation")
    reorganisations = Aggregate(REORGANISATIONS, Reorganisation, "reorganisation")
    # Careers (services/personnel/service_careers.py): candidates live inside their round or selection; a
    # re-appointment notice is one per POST record (rn-<record id>), inserted once.
    promotion_rounds = Aggregate(PROMOTION_ROUNDS, PromotionRound, "promotion round")
    selections = Aggregate(SELECTIONS, Selection, "leader selection")
    reappointment_notices = Aggregate(NOTICES, ReappointmentNotice, "re-appointment notice")

    def create_indexes(self):
        self.db[UNITS].create_index([("code", ASCENDING)], unique=True, name="unit_code")
        self.db[UNITS].create_index([("parent_id", ASCENDING)], name="unit_parent")
        self.db[POSITIONS].create_index([("unit_id", ASCENDING)], name="position_unit")
        self.db[OFFICIALS].create_index([("national_id", ASCENDING)], unique=True, name="official_national_id")
        self.db[OFFICIALS].create_index([("unit_id", ASCENDING), ("full_name", ASCENDING)], name="official_unit")
        # The officials list: name order (keyset pages), and each of its filters on an index of its own.
        self.db[OFFICIALS].create_index([("full_name", ASCENDING), ("_id", ASCENDING)], name="official_name")
        for key in ("status", "category", "standards.met"):
            self.db[OFFICIALS].create_index([(key, ASCENDING), ("full_name", ASCENDING), ("_id", ASCENDING)],
                                            name="official_" + key.replace(".", "_"))
        self.db[REVIEWS].create_index([("official_id", ASCENDING)], name="review_official")
        self.db[REVIEWS].create_index([("unit_id", ASCENDING)], name="review_unit")
        self.db[REVIEWS].create_index(OVERDUE_SCAN_KEYS, name="review_overdue_scan")
        self.db[DISCIPLINES].create_index([("official_id", ASCENDING)], name="discipline_official")
        self.db[DISCIPLINES].create_index([("unit_id", ASCENDING), ("decided_on", ASCENDING)], name="discipline_unit")
        self.db[EVALUATIONS].create_index([("unit_id", ASCENDING), ("year", ASCENDING)], name="evaluation_unit_year")
        self.db[EVALUATIONS].create_index([("official_id", ASCENDING)], name="evaluation_official")
        self.db[WORK_SCORES].create_index([("official_id", ASCENDING), ("year", ASCENDING)], name="work_scores_official")
        self.db[REWARDS].create_index([("official_id", ASCENDING)], name="reward_official")
        self.db[EVIDENCE].create_index([("official_id", ASCENDING)], name="evidence_official")
        self.db[EVIDENCE].create_index([("unit_id", ASCENDING)], name="evidence_unit")
        self.db[SCHEMES].create_index([("unit_id", ASCENDING)], name="scheme_unit")
        self.db[OFFICIALS].create_index([("search_name", ASCENDING)], name="official_search_name")
        self.recruitment_indexes()
        self.careers_indexes()
        self.db[OFFICIALS].create_index([("unit_ids_ever", ASCENDING)], name="official_units_ever")
        self.db[POSITIONS].create_index([("unit_ids_ever", ASCENDING)], name="position_units_ever")
        self.db[UNITS].create_index([("parent_ids_ever", ASCENDING)], name="unit_parents_ever")
        self.db[REORGANISATIONS].create_index([("decision.number", ASCENDING)], name="reorganisation_decision")

    # --- units ------------------------------------------------------------------------------
    def find_units(self, unit_ids):
        """The units with these ids (unknown ids are simply missing)."""
        return [from_document(OrgUnit, d) for d in self.db[UNITS].find({"_id": {"$in": list(unit_ids)}})]

    def list_units(self, as_of=None, parent_id=None, level=None, unit_ids=None):
        """Units (in force on `as_of` if given); `parent_id` with `as_of`: the parent they had on that day."""
        query = with_unit({"level": level} if level else {}, "_id", allowed=unit_ids)
        if parent_id:   # (files written before parent_ids_ever existed carry parent_id only)
            query.update({"$and": [{"$or": [{"parent_id": parent_id}, {"parent_ids_ever": parent_id}]}]}
                         if as_of else {"parent_id": parent_id})
        if as_of is not None:
            day = as_of.isoformat()
            query.update({"valid_from": {"$lte": day}, "$or": [{"valid_to": None}, {"valid_to": {"$gte": day}}]})
        found = [from_document(OrgUnit, d) for d in self.db[UNITS].find(query).sort("code", ASCENDING)]
        return [u for u in found if not (parent_id and as_of) or parent_on(u, as_of) == parent_id]

    def units_under(self, unit_ids):
        """Units that are or were ever under one of `unit_ids` (the caller decides which date counts)."""
        query = {"$or": [{"parent_id": {"$in": list(unit_ids)}}, {"parent_ids_ever": {"$in": list(unit_ids)}}]}
        return [from_document(OrgUnit, d) for d in self.db[UNITS].find(query)]

    def ancestor_ids(self, unit_id):
        """Ids above `unit_id`, nearest first (bounded: a corrupt cycle cannot loop forever)."""
        found, current = [], unit_id
        for _ in range(100):
            document = self.db[UNITS].find_one({"_id": current}, {"parent_id": 1})
            if document is None or not document.get("parent_id") or document["parent_id"] in found:
                return found
            found.append(document["parent_id"])
            current = document["parent_id"]
        return found

    def subtree_ids(self, unit_id, as_of=None):
        """`unit_id` and every unit below it, at any depth (never a fixed number of levels): as the tree stands
        today, or, with `as_of`, as it stood on that day (a unit moved later still counts under its old parent)."""
        found, frontier = [unit_id], [unit_id]
        while frontier:
            if as_of is None:
                children = [d["_id"] for d in self.db[UNITS].find({"parent_id": {"$in": frontier}}, {"_id": 1})]
            else:
                children = [u.id for u in self.units_under(frontier) if parent_on(u, as_of) in frontier]
            frontier = [c for c in children if c not in found]
            found += frontier
        return found

    # --- positions --------------------------------------------------------------------------
    def list_positions(self, unit_id=None, unit_ids=None):
        query = with_unit({}, "unit_id", [unit_id] if unit_id else None, unit_ids)
        return [from_document(Position, d) for d in self.db[POSITIONS].find(query).sort("_id", ASCENDING)]

    # --- officials --------------------------------------------------------------------------
    def national_ids_taken(self, national_ids):
        """Those already registered; asked in bounded chunks (an import may carry 20,000 ids)."""
        wanted = sorted(n for n in set(national_ids) if n)
        return {d["national_id"] for start in range(0, len(wanted), DECODE_CHUNK)
                for d in self.db[OFFICIALS].find({"national_id": {"$in": wanted[start:start + DECODE_CHUNK]}},
                                                 {"national_id": 1})}

    def unit_id_by_code(self, code):
        document = self.db[UNITS].find_one({"code": code}, {"_id": 1})
        if document is None:
            raise NotFound("unit {} not found".format(code), fields={"unit_code": ["no unit with code " + code]})
        return document["_id"]

    def official_ids_in_service(self):
        in_service = {"status": {"$ne": OfficialStatus.SEPARATED.value}}
        return [document["_id"] for document in self.db[OFFICIALS].find(in_service, {"_id": 1})]

    def list_officials(self, unit_id=None, include_sub_units=False, category=None, status=None,
                       standards_met=None, q=None, offset=0, limit=50, unit_ids=None, after=None, total=True):
        """(page, total or None, the `next` cursor or None): in name order; `after` (a `next`) reads on from
        there through the name index (keyset), `offset` skips. Each filter is an index's first key
        (create_indexes); the name search is a substring match over the folded names."""
        wanted = (self.subtree_ids(unit_id) if include_sub_units else [unit_id]) if unit_id else None
        query = with_unit({}, "unit_id", wanted, unit_ids)
        query.update({key: value for key, value in (("category", category), ("status", status)) if value})
        if standards_met is not None:
            query["standards.met"] = standards_met
        if q:
            query["search_name"] = {"$regex": re.escape(folded(q))}
        return self.keyset_page(OFFICIALS, Official, query, ("full_name", "_id"), after, offset, limit, total)

    # --- reviews ----------------------------------------------------------------------------
    def open_review(self, case, events, applied_event=None, duplicate_error=None):
        """Insert a review case once: the same origin for the same official is one case.

        From events (applied_event, no duplicate_error) a second opening is a no-op; by hand it is a Conflict.
        """
        return self.reviews.add(case, events, applied_event=applied_event, exists_ok=duplicate_error is None,
                                duplicate_error=duplicate_error)

    def open_reviews_of(self, official_id):
        query = {"official_id": official_id, "status": {"$ne": ReviewStatus.DECIDED.value}}
        return [from_document(ReviewCase, d) for d in self.db[REVIEWS].find(query).sort("_id", ASCENDING)]

    def list_reviews(self, offset=0, limit=50, overdue=None, today=None, unit_id=None, unit_ids=None, after=None,
                     total=True, **filters):
        query = {key: value for key, value in filters.items() if value is not None}
        query = with_unit(query, "unit_id", [unit_id] if unit_id else None, unit_ids)
        if overdue is not None:
            late = {"status": {"$ne": ReviewStatus.DECIDED.value}, "deadline": {"$lt": today.isoformat()}}
            query = {"$and": [query, late if overdue else {"$nor": [late]}]}
        return self.keyset_page(REVIEWS, ReviewCase, query, [("opened_on", ASCENDING), ("_id", ASCENDING)],
                                after, offset, limit, total)

    @staticmethod
    def overdue_scan_filter(as_of):
        """Undecided cases past their deadline on `as_of`, not announced yet (a missing flag: older cases)."""
        return {"overdue_notified": {"$in": [False, None]},
                "status": {"$in": [ReviewStatus.OPEN.value, ReviewStatus.INVESTIGATING.value]},
                "deadline": {"$lt": as_of.isoformat()}}

    def unflagged_overdue_reviews(self, as_of):
        cursor = self.db[REVIEWS].find(self.overdue_scan_filter(as_of), {"_id": 1}).hint("review_overdue_scan")
        return [d["_id"] for d in cursor.sort("deadline", ASCENDING).limit(OVERDUE_SCAN_BATCH)]

    # --- disciplines and rewards --------------------------------------------------------------
    def disciplines_of(self, official_id):
        cursor = self.db[DISCIPLINES].find({"official_id": official_id}).sort([("decided_on", ASCENDING),
                                                                              ("_id", ASCENDING)])
        return [from_document(Discipline, d) for d in cursor]

    def rewards_of(self, official_id):
        cursor = self.db[REWARDS].find({"official_id": official_id}).sort([("decided_on", ASCENDING),
                                                                          ("_id", ASCENDING)])
        return [from_document(Reward, d) for d in cursor]

    # --- evaluations ----------------------------------------------------------------------------
    def evaluations_of(self, official_id):
        cursor = self.db[EVALUATIONS].find({"official_id": official_id}).sort("year", ASCENDING)
        return [from_document(Evaluation, d) for d in cursor]

    def evaluations_in(self, unit_ids, year):
        return [from_document(Evaluation, d) for d in self.db[EVALUATIONS].find(
            {"unit_id": {"$in": list(unit_ids)}, "year": year})]

    def peer_evaluations(self, unit_id, year, task_group):
        query = {"unit_id": unit_id, "year": year, "task_group": task_group}
        return [from_document(Evaluation, d) for d in self.db[EVALUATIONS].find(query)]

    # --- evidence of work effectiveness -------------------------------------------------------
    def add_evidence(self, evidence, applied_event):
        return self.commit(EVIDENCE, evidence.id, self.state_of(evidence), applied_event=applied_event,
                           exists_ok=True)

    def evidence_about(self, official_id, unit_id):
        query = {"$or": [{"official_id": official_id}, {"official_id": None, "unit_id": unit_id}]}
        return [from_document(Evidence, d) for d in self.db[EVIDENCE].find(query)]

    # --- job-position schemes and reports -----------------------------------------------------
    def list_schemes(self, unit_id=None, status=None, offset=0, limit=50, unit_ids=None, after=None, total=True):
        query = with_unit({"status": status} if status else {}, "unit_id", [unit_id] if unit_id else None, unit_ids)
        return self.keyset_page(SCHEMES, PositionScheme, query, [("submitted_on", ASCENDING), ("_id", ASCENDING)],
                                after, offset, limit, total)

    def positions_in(self, unit_ids):
        """Positions that are or were ever in one of `unit_ids` (staffing as of a date keeps those of then)."""
        cursor = self.db[POSITIONS].find({"$or": [{"unit_id": {"$in": list(unit_ids)}},
                                                  {"unit_ids_ever": {"$in": list(unit_ids)}}]})
        return [from_document(Position, d) for d in cursor.sort([("title", ASCENDING), ("_id", ASCENDING)])]

    def officials_in(self, unit_ids=None):
        """Every official who is or was ever placed in `unit_ids` (separated ones too: reports decide who was in
        service, and where, on their date: domain/history.standing)."""
        query = {"$or": [{"unit_id": {"$in": list(unit_ids)}}, {"unit_ids_ever": {"$in": list(unit_ids)}}]} \
            if unit_ids is not None else {}
        return self.entities(OFFICIALS, Official, query)      # decoded once per version (BaseStore.entities)

    def standing_in(self, unit_ids, day):
        """history.standing(officials_in(unit_ids), day, unit_ids), each official's standing on `day` worked out
        once per version of their file."""
        wanted = None if unit_ids is None else set(unit_ids)
        memo, key, dated = self._memo(OFFICIALS, Official), ("standing", day), []
        for official in self.officials_in(unit_ids):
            entry = memo.get(official.id)
            if entry is None or entry[1] is not official:
                dated.append(standing_on(official, day))
                continue
            if key not in entry[2]:
                entry[2][key] = standing_on(official, day)
            dated.append(entry[2][key])
        return [official for official in dated if wanted is None or official.unit_id in wanted]

    def meets(self, day):
        """(official, position) -> official.assess(position, day).met for officials as standing_in gave them,
        worked out once per version of the official's file and of the position."""
        memo = self._memo(OFFICIALS, Official)

        def met(official, position):
            entry = memo.get(official.id)
            if entry is None or entry[2].get(("standing", day)) is not official:
                return official.assess(position, day).met
            held = entry[2].get(("met", day))
            if held is None or held[0] is not position:
                held = entry[2][("met", day)] = (position, official.assess(position, day).met)
            return held[1]
        return met

    def all_positions(self):
        return {position.id: position for position in self.entities(POSITIONS, Position, {})}

    # --- the yearly report (scope: a list of unit ids, None for the province) -----------------------
    @staticmethod
    def _scoped(scope):
        return {"unit_id": {"$in": list(scope)}} if scope is not None else {}

    def schemes_in(self, scope):
        return [from_document(PositionScheme, d) for d in self.db[SCHEMES].find(self._scoped(scope))]

    def ratings_of_year(self, scope, year):
        """{rating: count} of the evaluations of `year` filed under units of `scope`, from the summary."""
        return totals(self.counters(RATINGS, unit_id=scope, year=year), "rating")

    def disciplines_by_form(self, scope, year):
        """{form: count} of the disciplines decided in `year` in units of `scope`, from the summary."""
        return totals(self.counters(DISCIPLINE_FORMS, unit_id=scope, year=year), "form")

    def reviews_in(self, scope):
        return [from_document(ReviewCase, d) for d in self.db[REVIEWS].find(self._scoped(scope))]

    # --- recruitment --------------------------------------------------------------------------------------
    def recruitment_indexes(self):
        self.db[CAMPAIGNS].create_index([("unit_id", ASCENDING)], name="campaign_unit")
        self.db[CAMPAIGNS].create_index([("status", ASCENDING), ("results_published_on", ASCENDING)],
                                        name="campaign_status")
        self.db[CANDIDATES].create_index([("campaign_id", ASCENDING), ("national_id", ASCENDING)],
                                         name="candidate_campaign")
        self.db[PROBATIONS].create_index([("unit_id", ASCENDING), ("status", ASCENDING)], name="probation_unit")

    def list_campaigns(self, unit_id=None, status=None, offset=0, limit=50, unit_ids=None, after=None, total=True):
        query = with_unit({"status": status} if status else {}, "unit_id", [unit_id] if unit_id else None, unit_ids)
        return self.keyset_page(CAMPAIGNS, Campaign, query, [("announced_on", ASCENDING), ("_id", ASCENDING)],
                                after, offset, limit, total)

    def candidates_of(self, campaign_id):
        cursor = self.db[CANDIDATES].find({"campaign_id": campaign_id}).sort([("position_id", ASCENDING),
                                                                            ("_id", ASCENDING)])
        return [from_document(Candidate, d) for d in cursor]

    def applied_already(self, campaign_id, national_id):
        return bool(self.db[CANDIDATES].count_documents({"campaign_id": campaign_id, "national_id": national_id},
                                                        limit=1))

    def in_post(self, position_ids, on):
        """{position id: officials holding it in service on `on`} (service started, not separated before)."""
        day = on.isoformat()
        query = {"position_id": {"$in": list(position_ids)}, "service_start_date": {"$lte": day},
                 "$or": [{"separation": None}, {"separation.separated_on": {"$gt": day}}]}
        counts = {}
        for document in self.db[OFFICIALS].find(query, {"position_id": 1}):
            counts[document["position_id"]] = counts.get(document["position_id"], 0) + 1
        return counts

    def places_offered(self, position_ids, except_campaign=None):
        """{position id: places} offered by campaigns not yet completed (their candidates are not in post yet)."""
        query = {"status": {"$ne": CampaignStatus.COMPLETED.value}, "vacancies.position_id": {"$in": list(position_ids)},
                 "_id": {"$ne": except_campaign}}
        offered = {}
        for document in self.db[CAMPAIGNS].find(query, {"vacancies": 1}):
            for vacancy in document["vacancies"]:
                if vacancy["position_id"] in position_ids:
                    offered[vacancy["position_id"]] = offered.get(vacancy["position_id"], 0) + vacancy["places"]
        return offered

    def campaigns_with_results(self):
        """Ids of campaigns whose results are published (their rejected candidates' retention runs)."""
        query = {"results_published_on": {"$ne": None}}
        return [d["_id"] for d in self.db[CAMPAIGNS].find(query, {"_id": 1}).sort("_id", ASCENDING)]

    def rejected_not_erased(self, campaign_id):
        query = {"campaign_id": campaign_id, "status": CandidateStatus.REJECTED.value, "erased_on": None}
        return [d["_id"] for d in self.db[CANDIDATES].find(query, {"_id": 1}).sort("_id", ASCENDING)]

    def list_probations(self, official_id=None, unit_id=None, status=None, offset=0, limit=50, unit_ids=None):
        query = {key: value for key, value in (("official_id", official_id), ("status", status)) if value}
        query = with_unit(query, "unit_id", [unit_id] if unit_id else None, unit_ids)
        return self.page_of(PROBATIONS, Probation, query, [("end", ASCENDING), ("_id", ASCENDING)], offset, limit)
    # --- reorganisations ------------------------------------------------------------------------
    def reorganisation_by_decision(self, number):
        document = self.db[REORGANISATIONS].find_one({"decision.number": number}, {"_id": 1})
        return document["_id"] if document else None

    def official_ids_in(self, unit_ids):
        """Ids of officials in service ever placed in `unit_ids` (a reorganisation moves those there on its date)."""
        query = {"$or": [{"unit_id": {"$in": list(unit_ids)}}, {"unit_ids_ever": {"$in": list(unit_ids)}}],
                 "status": {"$ne": OfficialStatus.SEPARATED.value}}
        return [d["_id"] for d in self.db[OFFICIALS].find(query, {"_id": 1}).sort("_id", ASCENDING)]

    # --- careers: promotion rounds, leader selections, re-appointment notices -------------------------
    def careers_indexes(self):
        self.db[PROMOTION_ROUNDS].create_index([("unit_id", ASCENDING)], name="promotion_round_unit")
        self.db[SELECTIONS].create_index([("unit_id", ASCENDING)], name="selection_unit")
        self.db[OFFICIALS].create_index([("history.term_end", ASCENDING)], name="official_post_terms")

    def list_promotion_rounds(self, unit_id=None, status=None, offset=0, limit=50, unit_ids=None):
        query = with_unit({"status": status} if status else {}, "unit_id", [unit_id] if unit_id else None, unit_ids)
        return self.page_of(PROMOTION_ROUNDS, PromotionRound, query, [("announced_on", ASCENDING), ("_id", ASCENDING)],
                            offset, limit)

    def list_selections(self, unit_id=None, status=None, offset=0, limit=50, unit_ids=None):
        query = with_unit({"status": status} if status else {}, "unit_id", [unit_id] if unit_id else None, unit_ids)
        return self.page_of(SELECTIONS, Selection, query, [("announced_on", ASCENDING), ("_id", ASCENDING)],
                            offset, limit)

    def officials_with_terms_ending(self, as_of, lead_days):
        """Ids of officials holding a post record whose term ends from `as_of` to `lead_days` later."""
        last = as_of.toordinal() + lead_days
        query = {"history": {"$elemMatch": {"kind": "POST", "term_end": {
            "$gte": as_of.isoformat(), "$lte": date.fromordinal(last).isoformat()}}},
            "status": {"$ne": OfficialStatus.SEPARATED.value}}
        return [d["_id"] for d in self.db[OFFICIALS].find(query, {"_id": 1}).sort("_id", ASCENDING)]

    def notices_given(self, notice_ids):
        return {d["_id"] for d in self.db[NOTICES].find({"_id": {"$in": list(notice_ids)}}, {"_id": 1})}

    def recruited_in(self, scope, year):
        """Candidates recruited by decisions of `year` of campaigns of units in `scope` (None: everywhere)."""
        query = dict(self._scoped(scope), recruitment_decided_on={"$gte": "{}-01-01".format(year),
                                                                  "$lte": "{}-12-31".format(year)})
        campaign_ids = [d["_id"] for d in self.db[CAMPAIGNS].find(query, {"_id": 1})]
        return self.db[CANDIDATES].count_documents({"campaign_id": {"$in": campaign_ids},
                                                    "status": CandidateStatus.RECRUITED.value}) if campaign_ids else 0
