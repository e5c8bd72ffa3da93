"""Recruitment (tuyển dụng, docs/domain.md rule 12): campaigns offering vacancies of an approved job-position
scheme within the quotas, candidates (their personal data under a recorded legal basis, erased when a rejected
candidate's retention period ends), rounds and scores, the ranking with the rule set's tie-break, the
published results, the recruitment decision and the probation (tập sự) it starts, ended by an evaluation.

The rules that differ between decrees are in recruitment_rules.py; this module applies the set of the
campaign's announcement day (and the probation rule of its first day)."""
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from services.common.errors import Conflict, Invalid, RuleViolation
from services.personnel.domain.enums import Category, QualificationKind, SeparationReason
from services.personnel.domain.events import (PositionResult, ProbationEnded, RecruitedOfficial,
                                              RecruitmentCampaignOpened, RecruitmentCompleted,
                                              RecruitmentResultsPublished, VacancyOffered)
from services.personnel.domain.model import Separation
from services.personnel.domain.rank_standards import rank_standards_on
from services.personnel.domain.recruitment_rules import (ProbationStatus, RecruitmentMethod, TieBreak,
                                                         probation_end, probation_rule_for, rule_set_for)
from services.personnel.domain.staffing import SchemeStatus
from services.personnel.domain.standards import LEVEL_ORDER, Qualification, best_level
from services.personnel.domain.units import require_in_force

VACANCY_BASIS = ("Decree 62/2020/NĐ-CP (job positions and headcount; from 1 Jul 2025 Law 80/2025/QH15): "
                 "recruitment fills vacancies of approved job positions within their quota (article unconfirmed)")
PERSONAL_DATA_BASIS = "Law 91/2025/QH15 on Personal Data Protection (from 1 Jan 2026; Decree 13/2023/NĐ-CP before)"
ERASED = "(đã xoá)"     # what an erased candidate's name reads


class CampaignStatus(StrEnum):
    OPEN = "OPEN"                              # Đang tổ chức tuyển dụng
    RESULTS_PUBLISHED = "RESULTS_PUBLISHED"    # Đã công bố kết quả
    COMPLETED = "COMPLETED"                    # Đã quyết định tuyển dụng


class CandidateStatus(StrEnum):
    APPLIED = "APPLIED"          # Đã nộp phiếu đăng ký dự tuyển
    PASSED = "PASSED"            # Trúng tuyển
    REJECTED = "REJECTED"        # Không trúng tuyển
    RECRUITED = "RECRUITED"      # Đã có quyết định tuyển dụng


class DataBasis(StrEnum):
    """Legal basis of processing a candidate's personal data (Law 91/2025/QH15)."""
    CONSENT = "CONSENT"                      # Sự đồng ý của chủ thể dữ liệu
    LEGAL_OBLIGATION = "LEGAL_OBLIGATION"    # Thực hiện nghĩa vụ theo quy định của pháp luật (tuyển dụng)


@dataclass(frozen=True)
class Vacancy:
    position_id: str
    unit_id: str
    title: str
    rank: str
    places: int


@dataclass(frozen=True)
class Campaign:
    id: str
    unit_id: str
    scheme_id: str
    title: str
    category: Category
    method: RecruitmentMethod
    announced_on: date
    application_deadline: date
    decision_ref: str
    legal_basis: str
    vacancies: list[Vacancy] = field(default_factory=list)
    status: CampaignStatus = CampaignStatus.OPEN
    results_published_on: date | None = None
    results_ref: str | None = None
    recruitment_decided_on: date | None = None
    recruitment_decision_ref: str | None = None
    service_start_date: date | None = None

    def vacancy(self, position_id):
        return next((v for v in self.vacancies if v.position_id == position_id), None)


@dataclass(frozen=True)
class RoundScore:
    round: int
    score: float
    scored_on: date


@dataclass(frozen=True)
class Candidate:
    id: str
    campaign_id: str
    position_id: str
    applied_on: date
    data_legal_basis: DataBasis
    full_name: str | None                 # personal data: None (and ERASED as the name) once erased
    national_id: str | None
    birth_date: date | None
    nationality: str = "VN"
    qualifications: list[Qualification] = field(default_factory=list)
    priority_points: float = 0.0
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    scores: list[RoundScore] = field(default_factory=list)
    status: CandidateStatus = CandidateStatus.APPLIED
    total: float | None = None
    place: int | None = None              # rank among the qualified of the same position
    official_id: str | None = None
    erased_on: date | None = None

    def score_of(self, round_number):
        return next((s.score for s in self.scores if s.round == round_number), None)


@dataclass(frozen=True)
class Probation:
    id: str                               # prob-<official id>: one per official
    official_id: str
    unit_id: str
    campaign_id: str
    candidate_id: str
    category: Category
    rank: str
    start: date
    end: date
    months: int
    legal_basis: str
    status: ProbationStatus = ProbationStatus.IN_PROGRESS
    ended_on: date | None = None
    decision_ref: str | None = None
    comment: str = ""


def probation_id(official_id):
    return "prob-" + official_id


# --- campaigns -----------------------------------------------------------------------------------------
def required_education(position, category, on):
    """The education level the post requires on `on`: the stricter of its rank's and its position's."""
    rank = rank_standards_on(position.rank, category, on)
    wanted = [r.level for r in (*(rank.requirements if rank else ()), *position.requirements)
              if r.kind == QualificationKind.EDUCATION and r.applies_on(on)]
    return max(wanted, key=LEVEL_ORDER[QualificationKind.EDUCATION].get, default=None)


def open_campaign(campaign, wanted_places, unit, scheme, positions, subtree, in_post, offered_elsewhere):
    """A campaign under the rule set of its announcement day, offering places of positions of the unit (or below
    it) that an approved scheme of the unit covers, each at most its quota minus the staff in post on that day
    and the places other open campaigns offer. `wanted_places`: [{position_id, places}]; `positions`: {id:
    Position}; `in_post`, `offered_elsewhere`: {position id: count}."""
    rule_set = rule_set_for(campaign.category, campaign.announced_on)
    if campaign.application_deadline < campaign.announced_on:
        raise Invalid("the deadline precedes the notice", fields={"application_deadline": [
            "before announced_on {}".format(campaign.announced_on)]})
    require_in_force(unit, campaign.announced_on)
    if scheme.unit_id != unit.id or scheme.status != SchemeStatus.APPROVED or (
            scheme.decided_on and scheme.decided_on > campaign.announced_on):
        raise RuleViolation("vacancies come from the unit's job-position scheme approved by the announcement day",
                            rule="RECRUITMENT_SCHEME", legal_basis=VACANCY_BASIS, fields={"scheme_id": [
                                "scheme {} is {} (unit {}, decided {}); an approved scheme of unit {} is needed".format(
                                    scheme.id, scheme.status.value, scheme.unit_id, scheme.decided_on, unit.id)]})
    errors, vacancies = {}, []
    seen = set()
    for index, wanted in enumerate(wanted_places):
        key = "vacancies.{}.position_id".format(index)
        position = positions[wanted["position_id"]]
        if position.unit_id not in subtree:
            errors[key] = ["position {} is not in unit {} or below it".format(position.id, unit.id)]
            continue
        if position.id in seen:
            errors[key] = ["position {} is offered twice".format(position.id)]
            continue
        seen.add(position.id)
        vacancies.append(Vacancy(position.id, position.unit_id, position.title, position.rank, wanted["places"]))
    if errors:
        raise Invalid("vacancies name positions outside the campaign's unit", fields=errors)
    over = {}
    for index, vacancy in enumerate(vacancies):
        position = positions[vacancy.position_id]
        free = position.headcount_quota - in_post.get(position.id, 0) - offered_elsewhere.get(position.id, 0)
        if vacancy.places > free:
            over["vacancies.{}.places".format(index)] = [
                "at most {}: quota {}, in post on {} {}, offered by other open campaigns {}".format(
                    max(free, 0), position.headcount_quota, campaign.announced_on, in_post.get(position.id, 0),
                    offered_elsewhere.get(position.id, 0))]
    if over:
        raise RuleViolation("a campaign may not offer more places than the vacant quota", rule="RECRUITMENT_QUOTA",
                            legal_basis=VACANCY_BASIS, fields=over)
    opened = replace(campaign, vacancies=vacancies, legal_basis=rule_set.legal_basis, status=CampaignStatus.OPEN)
    return opened, [RecruitmentCampaignOpened(
        subject=opened.id, campaign_id=opened.id, unit_id=opened.unit_id, title=opened.title,
        category=opened.category, method=opened.method, announced_on=opened.announced_on,
        application_deadline=opened.application_deadline, legal_basis=opened.legal_basis,
        vacancies=[VacancyOffered(position_id=v.position_id, unit_id=v.unit_id, title=v.title, rank=v.rank,
                                  places=v.places) for v in vacancies])]


def _require_status(campaign, status, doing):
    if campaign.status != status:
        raise Conflict("campaign {} is {}: cannot {}".format(campaign.id, campaign.status.value, doing),
                       fields={"campaign_id": ["campaign is {}".format(campaign.status.value)]})


def age_on(birth_date, day):
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


# --- candidates --------------------------------------------------------------------------------------
def register_candidate(campaign, candidate, position, national_id_taken):
    """A candidate for one vacancy, if the rule set lets them apply (nationality, age, education)."""
    _require_status(campaign, CampaignStatus.OPEN, "register candidates")
    if not campaign.announced_on <= candidate.applied_on <= campaign.application_deadline:
        raise Invalid("applications are taken from the notice to the deadline", fields={"applied_on": [
            "between {} and {}".format(campaign.announced_on, campaign.application_deadline)]})
    if campaign.vacancy(candidate.position_id) is None:
        raise Invalid("the campaign offers no place in that position",
                      fields={"position_id": ["not a vacancy of campaign {}".format(campaign.id)]})
    if national_id_taken:
        raise Conflict("this person already applied to the campaign", fields={"national_id": ["already applied"]})
    rule_set = rule_set_for(campaign.category, campaign.announced_on)
    problems = {}
    if candidate.nationality != rule_set.nationality:
        problems["nationality"] = ["Vietnamese nationality ({}) is required".format(rule_set.nationality)]
    if age_on(candidate.birth_date, candidate.applied_on) < rule_set.min_age:
        problems["birth_date"] = ["at least {} years old on the application day".format(rule_set.min_age)]
    level = required_education(position, campaign.category, campaign.announced_on)
    if level is not None:
        held = best_level(candidate.qualifications, QualificationKind.EDUCATION, candidate.applied_on)
        order = LEVEL_ORDER[QualificationKind.EDUCATION]
        if held is None or order[held] < order[level]:
            problems["qualifications"] = ["rank {} requires education {} (held: {})".format(
                position.rank, level, held or "none")]
    if candidate.priority_points and candidate.priority_points not in rule_set.priority_points:
        problems["priority_points"] = ["one of {} under {}".format(
            ", ".join(str(p) for p in rule_set.priority_points), rule_set.legal_basis)]
    if problems:
        raise RuleViolation("the candidate may not apply", rule="RECRUITMENT_ELIGIBILITY",
                            legal_basis=rule_set.source("conditions"), fields=problems)
    return replace(candidate, status=CandidateStatus.APPLIED), ()


def record_score(candidate, campaign, round_number, score, scored_on):
    """A round's score (0-100); the same round again corrects it. A round is sat only after passing the
    earlier ones."""
    _require_status(campaign, CampaignStatus.OPEN, "record scores")
    rule_set = rule_set_for(campaign.category, campaign.announced_on)
    rounds = rule_set.rounds_of(campaign.method)
    current = rule_set.round(campaign.method, round_number)
    if current is None:
        raise Invalid("not a scored round", fields={"round": ["{} under {} scores round(s) {}".format(
            campaign.method.value, rule_set.legal_basis, ", ".join(str(r.number) for r in rounds))]})
    if scored_on < campaign.announced_on:
        raise Invalid("a score precedes the notice", fields={"scored_on": ["before {}".format(campaign.announced_on)]})
    for earlier in rounds:
        if earlier.number >= round_number:
            break
        held = candidate.score_of(earlier.number)
        if held is None or held < earlier.pass_mark:
            raise RuleViolation("round {} comes after passing round {}".format(round_number, earlier.number),
                                rule="RECRUITMENT_ROUNDS", legal_basis=rule_set.source("rounds"), fields={"round": [
                                    "round {} not passed (score {}, pass mark {})".format(
                                        earlier.number, held, earlier.pass_mark)]})
    scores = [s for s in candidate.scores if s.round != round_number] + [RoundScore(round_number, score, scored_on)]
    return replace(candidate, scores=sorted(scores, key=lambda s: s.round)), ()


# --- ranking and results -------------------------------------------------------------------------------
def standing(candidate, rounds):
    """(qualified, total, last round's score): qualified when every round is scored at its pass mark or above."""
    held = [candidate.score_of(r.number) for r in rounds]
    if any(score is None or score < r.pass_mark for score, r in zip(held, rounds)):
        return False, None, None
    total = sum(score for score, r in zip(held, rounds) if r.counts_in_total) + candidate.priority_points
    return True, total, held[-1]


def rank(campaign, candidates, head_choices=()):
    """{candidate id: (status, total, place)} per vacancy: the qualified by total (priority points included),
    then the rule set's tie-break; a tie left at the last place needs the head's choice (`head_choices`)."""
    rule_set = rule_set_for(campaign.category, campaign.announced_on)
    rounds = rule_set.rounds_of(campaign.method)
    outcome, unresolved = {}, {}
    for vacancy in campaign.vacancies:
        applied = [c for c in candidates if c.position_id == vacancy.position_id]
        standings = {c.id: standing(c, rounds) for c in applied}
        qualified = [c for c in applied if standings[c.id][0]]
        by_rule = TieBreak.HIGHER_LAST_ROUND in rule_set.tie_break

        def key(c):
            _, total, last = standings[c.id]
            return (-total, -last if by_rule else 0)
        qualified.sort(key=lambda c: (key(c), c.id))
        passed = set()
        if len(qualified) <= vacancy.places:
            passed = {c.id for c in qualified}
        else:
            cut = key(qualified[vacancy.places - 1]) if vacancy.places else None
            above = [c.id for c in qualified if cut is not None and key(c) < cut]
            tied = [c.id for c in qualified if cut is not None and key(c) == cut]
            wanted = vacancy.places - len(above)
            if len(tied) > wanted:
                chosen = [c for c in tied if c in head_choices]
                if len(chosen) != wanted:
                    unresolved[vacancy.position_id] = (tied, wanted)
                    continue
                tied = chosen
            passed = set(above) | set(tied)
        places = {c.id: index for index, c in enumerate(qualified, start=1)}
        for c in applied:
            status = CandidateStatus.PASSED if c.id in passed else CandidateStatus.REJECTED
            outcome[c.id] = (status, standings[c.id][1], places.get(c.id))
    if unresolved:
        raise RuleViolation("candidates tie at the last place: the head of the recruiting body chooses",
                            rule="RECRUITMENT_TIE", legal_basis=rule_set.source("tie_break"), fields={
                                "head_choice_ids": ["position {}: {} tie for {} place(s); name them among {}".format(
                                    position, len(tied), wanted, ", ".join(tied))
                                    for position, (tied, wanted) in sorted(unresolved.items())]})
    return outcome


def publish_results(campaign, candidates, published_on, results_ref, head_choices=()):
    """(campaign, candidates ranked, events): the results of every vacancy, announced without personal data."""
    _require_status(campaign, CampaignStatus.OPEN, "publish results")
    if published_on < campaign.application_deadline:
        raise Invalid("results come after the application deadline", fields={"published_on": [
            "before {}".format(campaign.application_deadline)]})
    unknown = set(head_choices) - {c.id for c in candidates}
    if unknown:
        raise Invalid("head choices must be candidates of the campaign", fields={"head_choice_ids": [
            "not candidates of campaign {}: {}".format(campaign.id, ", ".join(sorted(unknown)))]})
    outcome = rank(campaign, candidates, head_choices)
    ranked = [replace(c, status=outcome[c.id][0], total=outcome[c.id][1], place=outcome[c.id][2])
              for c in candidates]
    published = replace(campaign, status=CampaignStatus.RESULTS_PUBLISHED, results_published_on=published_on,
                        results_ref=results_ref)
    results = [PositionResult(
        position_id=v.position_id, places=v.places,
        applicants=sum(1 for c in ranked if c.position_id == v.position_id),
        qualified=sum(1 for c in ranked if c.position_id == v.position_id and c.total is not None),
        passed=sum(1 for c in ranked if c.position_id == v.position_id and c.status == CandidateStatus.PASSED))
        for v in campaign.vacancies]
    return published, ranked, [RecruitmentResultsPublished(
        subject=campaign.id, campaign_id=campaign.id, unit_id=campaign.unit_id, published_on=published_on,
        results_ref=results_ref, legal_basis=campaign.legal_basis, results=results)]


# --- the recruitment decision and probation ------------------------------------------------------------
def check_recruitment(campaign, decided_on, service_start_date):
    _require_status(campaign, CampaignStatus.RESULTS_PUBLISHED, "decide the recruitment")
    if decided_on < campaign.results_published_on:
        raise Invalid("the decision precedes the results", fields={"decided_on": [
            "before {}".format(campaign.results_published_on)]})
    if service_start_date < decided_on:
        raise Invalid("service starts on or after the decision", fields={"service_start_date": [
            "before {}".format(decided_on)]})


def official_payload(campaign, candidate, service_start_date):
    """What registering the recruited candidate as an official takes (the RegisterOfficial command)."""
    vacancy = campaign.vacancy(candidate.position_id)
    return {"full_name": candidate.full_name, "national_id": candidate.national_id,
            "birth_date": candidate.birth_date.isoformat(), "category": campaign.category.value,
            "unit_id": vacancy.unit_id, "position_id": vacancy.position_id, "rank": vacancy.rank,
            "service_start_date": service_start_date.isoformat(),
            "qualifications": [{"kind": q.kind.value, "level": q.level, "obtained_on": q.obtained_on.isoformat(),
                                "field_of_study": q.field_of_study} for q in candidate.qualifications],
            "phone": candidate.phone, "email": candidate.email, "address": candidate.address}


def start_probation(campaign, candidate, official, position):
    """The probation a recruited official starts on their first day, its length by the rule of that day."""
    rule = probation_rule_for(campaign.category, official.service_start_date)
    months = rule.months_for(required_education(position, campaign.category, official.service_start_date))
    return Probation(id=probation_id(official.id), official_id=official.id, unit_id=official.unit_id,
                     campaign_id=campaign.id, candidate_id=candidate.id, category=campaign.category,
                     rank=official.rank, start=official.service_start_date,
                     end=probation_end(official.service_start_date, months), months=months,
                     legal_basis=rule.legal_basis)


def complete(campaign, probations, decided_on, decision_ref, service_start_date):
    """The campaign once every candidate who passed is an official on probation."""
    completed = replace(campaign, status=CampaignStatus.COMPLETED, recruitment_decided_on=decided_on,
                        recruitment_decision_ref=decision_ref, service_start_date=service_start_date)
    return completed, [RecruitmentCompleted(
        subject=campaign.id, campaign_id=campaign.id, unit_id=campaign.unit_id, decided_on=decided_on,
        decision_ref=decision_ref, service_start_date=service_start_date, legal_basis=campaign.legal_basis,
        recruited=[RecruitedOfficial(candidate_id=p.candidate_id, official_id=p.official_id, unit_id=p.unit_id,
                                     rank=p.rank, probation_end=p.end) for p in probations])]


def end_probation(probation, passed, ended_on, decision_ref, comment=""):
    """The end-of-probation evaluation: on or after its last day; pass confirms, fail separates
    (`failed_separation` gives the separation)."""
    if probation.status != ProbationStatus.IN_PROGRESS:
        raise Conflict("the probation of {} already ended ({})".format(probation.official_id, probation.status.value))
    if ended_on < probation.end:
        raise RuleViolation("the probation runs until {}".format(probation.end), rule="PROBATION_PERIOD",
                            legal_basis=probation.legal_basis, fields={"ended_on": [
                                "not before the last day of the probation, {}".format(probation.end)]})
    ended = replace(probation, status=ProbationStatus.PASSED if passed else ProbationStatus.FAILED,
                    ended_on=ended_on, decision_ref=decision_ref, comment=comment)
    return ended, [ProbationEnded(
        subject=probation.official_id, official_id=probation.official_id, unit_id=probation.unit_id,
        campaign_id=probation.campaign_id, started_on=probation.start, ended_on=ended_on, outcome=ended.status,
        decision_ref=decision_ref, legal_basis=probation.legal_basis)]


def failed_separation(probation):
    return Separation(reason=SeparationReason.PROBATION_FAILED, separated_on=probation.ended_on,
                      decision_ref=probation.decision_ref, note="probation not passed ({})".format(
                          probation.legal_basis))


# --- personal data of rejected candidates (Law 91/2025) ---------------------------------------------------
def erasure_due(campaign, retention_days, today):
    """Rejected candidates' data is kept `retention_days` after the results, then erased."""
    published = campaign.results_published_on
    return published is not None and published + timedelta(days=retention_days) < today


def erase(candidate, on):
    """Name, national id, birth date and contacts gone; position, scores, total, place and status kept for
    statistics. Only rejected candidates; None when there is nothing to do."""
    if candidate.status != CandidateStatus.REJECTED or candidate.erased_on is not None:
        return None
    return replace(candidate, full_name=ERASED, national_id=None, birth_date=None, phone=None, email=None,
                   address=None, qualifications=[replace(q, obtained_on=date(q.obtained_on.year, 1, 1),
                                                         field_of_study=None) for q in candidate.qualifications],
                   erased_on=on)
