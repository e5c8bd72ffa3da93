"""Ten years of history for the scale bench (issue 16): ratings, trainings and citizens' feedback.

What a province migrating its legacy records would load once its officials are registered, and which path
each kind of data takes:

- **Training courses and plans: the HTTP API** (`POST /api/v1/training/courses`, `/training/plans` and
  their approval), one request each, as training staff would: there are a few hundred to a couple of
  thousand of them (about one per `COURSE_SIZE` trainees a year), which the gateway takes in seconds.
- **Yearly ratings (evaluations): written through personnel's store with the domain's own functions.**
  One per official and year served is up to 500,000 at 50,000 officials. There is no bulk command; the
  one-at-a-time `record_evaluation` RPC costs a broker round trip and reads the unit's peers for every
  EXCELLENT proposal (the whole unit's year), and its `evaluation_recorded` event sets off rule 5 and
  training's projection for each one: hours at this volume. So each rating is the `Evaluation` the command
  builds, settled by `domain.evaluation.rate` (rules 1-4: the excellent cap against the peers already
  rated, in memory; the time rules; the 2026 score bands) and saved with `store.evaluations.add` without
  events: a migration brings history, it does not re-announce it (no review is opened for an old
  NOT_COMPLETED, training's copy of the ratings stays empty).
- **Enrollments and results: through training's store with the domain's functions**, for the same
  reason (a share of the officials every year: up to 200,000 enrollments): `domain.enrollments.enroll`
  then `record_result`, saved with `store.add_enrollment` (the seat taken on the course as the command
  does), without events (no `training_completed` for history: personnel's qualifications are the
  import's).
- **Feedback: through feedback's store with the domain's functions** (a few thousand a year; each item
  would take four or five commands: intake, classification, assignment, answer): `intake.receive`,
  `handling.classify`, `handling.assign`, `handling.update_status`, `answers.answer`, each on its own
  historical day with the service's deadline policy, saved once with `store.feedback.add`, without
  events. Items of the last weeks stay open at whichever step they reached.
  Contract staff (HOP_DONG) are rated from 2020, when a rule set covers them.
- **Not generated**: inspections, dialogues, disciplines, rewards, reviews, work scores.

Ratings and enrollments are each one bulk write (`BaseStore.recounts_deferred`): the report summaries'
buckets they touch (ratings by unit and year, completed turns) are recounted once at its end.

Everything is seeded (`random.Random(seed)`), so two runs at one size generate the same history.
"""
import math
import random
import time
from dataclasses import replace
from datetime import date, timedelta

from services.common.errors import DomainError, RuleViolation
from services.common.ids import new_id, today
from services.common.mongo import database_for
from services.feedback.deadline_rules import policy_from_config
from services.feedback.domain import answers, handling, intake, tracking
from services.feedback.domain.enums import Channel, FeedbackKind, FeedbackStatus, ProcedureDomain, SubmitterType
from services.feedback.domain.model import Feedback, Submitter
from services.personnel.domain import evaluation as evaluation_rules
from services.personnel.domain.enums import Category, Rating
from services.personnel.domain.records import Evaluation
from services.training.domain import enrollments as enrollment_rules
from services.training.domain.model import Result

COURSE_SIZE = 120                # trainees per course
AREAS = ["POLITICAL_THEORY", "STATE_MANAGEMENT", "JOB_SPECIFIC", "DIGITAL_SKILLS", "PUBLIC_ETHICS",
         "DEFENCE_SECURITY"]
# The evaluator's proposals (before the rules): about what Cà Mau's yearly reports show.
PROPOSALS = [(Rating.EXCELLENT, 0.12), (Rating.GOOD, 0.50), (Rating.COMPLETED, 0.365), (Rating.NOT_COMPLETED, 0.015)]
SCORES = {Rating.EXCELLENT: (90, 98), Rating.GOOD: (70, 89), Rating.COMPLETED: (50, 69), Rating.NOT_COMPLETED: (30, 49)}
KINDS = [(FeedbackKind.PROCEDURE, 0.50), (FeedbackKind.REGULATION, 0.20), (FeedbackKind.CONDUCT, 0.20),
         (FeedbackKind.COMPLAINT, 0.06), (FeedbackKind.DENUNCIATION, 0.04)]
CHANNELS = [Channel.DIEN_TU, Channel.DIEN_TU, Channel.CONG_DVC_QG, Channel.TRUC_TIEP, Channel.DIEN_THOAI,
            Channel.BUU_CHINH]
DOMAINS = list(ProcedureDomain)


def _pick(rng, weighted):
    x, acc = rng.random(), 0.0
    for value, weight in weighted:
        acc += weight
        if x < acc:
            return value
    return weighted[-1][0]


def store_of(config, containers, name):
    container = next(c for c in containers if c.service_name == name)
    return container.service_cls.store.store_cls(database_for(config, name))


def officials_of(personnel):
    """[(id, unit_id, position_id, category, service_start)] and {position_id: group}, from personnel's store."""
    groups = {d["_id"]: d["group"] for d in personnel.db["positions"].find({}, {"group": 1})}
    rows = [(d["_id"], d["unit_id"], d["position_id"], d["category"], date.fromisoformat(d["service_start_date"]))
            for d in personnel.db["officials"].find({}, {"unit_id": 1, "position_id": 1, "category": 1,
                                                         "service_start_date": 1})]
    rows.sort()
    return rows, groups


def evaluations(personnel, officials, groups, years, rng, day):
    """One rating per official and year served (rules 1-4 by the domain), saved through the store."""
    peers, counts, forced_down, unrated = {}, {}, 0, 0
    for year in years:
        recorded_on = min(date(year + 1, 1, 15), day)
        # The unit's council settles the EXCELLENT proposals last, against the quota the others leave (rule 1).
        proposed = [(official, _pick(rng, PROPOSALS)) for official in officials if official[4].year <= year]
        proposed.sort(key=lambda pair: pair[1] == Rating.EXCELLENT)
        for (official_id, unit_id, position_id, category, start), proposal in proposed:
            worked = 12 if start.year < year else 12 - start.month + 1
            group = groups[position_id]
            try:
                scored = evaluation_rules.is_scored_year(Category(category), year)
            except RuleViolation:             # no rule set for that category and year (HOP_DONG before 2020)
                unrated += 1
                continue
            score = rng.randint(*SCORES[proposal]) if scored else None
            candidate = Evaluation(
                id="ev-{}-{}".format(official_id, year), official_id=official_id, unit_id=unit_id,
                category=Category(category), task_group=group, year=year, rating=None if scored else proposal,
                proposed_rating=None, recorded_on=recorded_on, months_worked=worked, score=score)
            key = (unit_id, year, group)
            try:
                settled, _ = evaluation_rules.rate(candidate, [], lambda: peers.get(key, []))
            except RuleViolation:             # the unit's EXCELLENT quota is used up: the evaluator says GOOD
                forced_down += 1
                candidate = replace(candidate, rating=None if scored else Rating.GOOD,
                                    score=rng.randint(*SCORES[Rating.GOOD]) if scored else None)
                settled, _ = evaluation_rules.rate(candidate, [], lambda: peers.get(key, []))
            peers.setdefault(key, []).append(settled)
            personnel.evaluations.add(settled)
            counts[settled.rating.value] = counts.get(settled.rating.value, 0) + 1
        peers = {}
    return {"evaluations": sum(counts.values()), "by_rating": counts, "excellent_capped": forced_down,
            "no_rule_set": unrated}


def _course_payload(year, number, area, day):
    start = date(year, 2, 20) + timedelta(days=(number * 7) % 250)
    if year == day.year and start > day - timedelta(days=40):
        start = day - timedelta(days=40 + number % 120)
    return {"title": "Bồi dưỡng {} {}/{}".format(area.lower().replace("_", " "), number + 1, year),
            "kind": "FOSTERING", "content_area": area, "organiser": "Trường Chính trị tỉnh Cà Mau",
            "start_date": start.isoformat(), "end_date": (start + timedelta(days=4)).isoformat(), "hours": 40,
            "capacity": COURSE_SIZE, "assessments": 1, "tuition": 1500000}


def trainings(api, training, officials, years, share, rng, day):
    """Courses and yearly plans over the API; enrollments and results through training's store."""
    started, courses_made, plans, enrolled, failed, skipped = time.perf_counter(), 0, [], 0, 0, 0
    api_seconds = 0.0
    for year in years:
        serving = [o for o in officials if o[4] <= date(year, 2, 1)]
        trainees = rng.sample(serving, int(len(serving) * share))
        count = max(1, math.ceil(len(trainees) / COURSE_SIZE))
        sent = time.perf_counter()
        ids = [api.post("/api/v1/training/courses", json=_course_payload(year, n, AREAS[n % len(AREAS)], day))["id"]
               for n in range(count)]
        plan = api.post("/api/v1/training/plans", json={
            "title": "Kế hoạch đào tạo, bồi dưỡng năm {}".format(year), "from_year": year,
            "targets": [{"content_area": area, "turns": max(1, len(trainees) // len(AREAS))} for area in AREAS]})
        api.post("/api/v1/training/plans/{}/approval".format(plan["id"]), expect=200,
                 json={"approved_on": "{}-01-20".format(year), "decision_ref": "QĐ-{}/UBND".format(year)})
        api_seconds += time.perf_counter() - sent
        plans.append(plan["id"])
        courses_made += count
        courses = [training.courses.get(i) for i in ids]
        for index, (official_id, *_rest) in enumerate(trainees):
            course = courses[index // COURSE_SIZE]
            snapshot, _ = training.find_official(official_id)
            try:
                enrollment, _ = enrollment_rules.enroll(course, official_id, snapshot,
                                                        course.start_date - timedelta(days=10))
                recorded_on = course.end_date + timedelta(days=3)
                if recorded_on <= day:
                    passed = rng.random() >= 0.04
                    result = Result(attended_sessions=10, total_sessions=10, recorded_on=recorded_on,
                                    scores=[round(rng.uniform(5.5, 9.8), 1) if passed else 3.5])
                    enrollment, _ = enrollment_rules.record_result(enrollment, course, result)
                    failed += not passed
                training.add_enrollment(enrollment, [])
            except DomainError as error:
                skipped += 1
                if skipped <= 3:
                    print("    enrollment not recorded:", official_id, error, getattr(error, "fields", None))
                continue
            courses[index // COURSE_SIZE] = replace(course, enrolled_count=course.enrolled_count + 1)
            enrolled += 1
    return {"courses": courses_made, "plans": len(plans), "enrollments": enrolled, "failed": failed,
            "skipped": skipped, "api_seconds": round(api_seconds, 1),
            "seconds": round(time.perf_counter() - started, 1)}


def feedback(feedback_store, config, officials, leaves, years, per_year, rng, day):
    """`per_year` items a year across the units, through intake, handling and answer on their own days."""
    policy = policy_from_config(config)
    units = {u["id"]: feedback_store.find_unit(u["id"]) for u in leaves}
    staff = {}
    for official_id, unit_id, *_ in officials:
        staff.setdefault(unit_id, []).append(official_id)
    known, statuses, about = {}, {}, 0

    def official(official_id):
        if official_id not in known:
            known[official_id] = feedback_store.find_official(official_id)
        return known[official_id]
    unit_ids = [u["id"] for u in leaves]
    for year in years:
        last = min(date(year, 12, 31), day - timedelta(days=1))
        span = (last - date(year, 1, 1)).days
        for n in range(int(per_year * (span + 1) / 365)):
            received = date(year, 1, 1) + timedelta(days=rng.randint(0, span))
            unit_id = rng.choice(unit_ids)
            kind = _pick(rng, KINDS)
            named = rng.choice(staff[unit_id]) if kind == FeedbackKind.CONDUCT and rng.random() < 0.6 else None
            draft = Feedback(
                id=new_id("fb"), tracking_code=tracking.new_tracking_code(),
                submitter=Submitter(SubmitterType.CA_NHAN, "Người dân {}".format(n), "Ấp {}, Cà Mau".format(n % 90),
                                    "09{:08d}".format(n)),
                channel=rng.choice(CHANNELS), kind=kind,
                title="Phản ánh {} số {}/{}".format(kind.value.lower(), n, year),
                content="Nội dung phản ánh về việc giải quyết hồ sơ, số {} năm {}.".format(n, year),
                target_unit_id=unit_id, received_on=received, official_id=named,
                procedure_domain=rng.choice(DOMAINS) if kind == FeedbackKind.PROCEDURE else None,
                recorded_by="migration")
            item, _ = intake.receive(draft, units[unit_id], official(named) if named else None, policy, received)
            age = (day - received).days
            if item.status == FeedbackStatus.RECEIVED and age > 2:
                item, _ = handling.classify(item, kind, item.procedure_domain, None, None,
                                            received + timedelta(days=1), policy)
                if age > 4:
                    officer = official(rng.choice(staff[unit_id]))
                    item, _ = handling.assign(item, units[unit_id], officer, None, received + timedelta(days=2), policy)
                    late = rng.random() < 0.12
                    answer_on = received + timedelta(days=rng.randint(22, 45) if late else rng.randint(5, 19))
                    if answer_on >= day and age > 9:
                        item, _ = handling.update_status(item, FeedbackStatus.IN_PROGRESS, "Đang xác minh",
                                                         received + timedelta(days=9), policy)
                    elif answer_on < day:
                        item, _ = answers.answer(item, "Trả lời: đã xem xét và giải quyết theo quy định.",
                                                 rng.random() < 0.25, answer_on, answer_on, policy)
            feedback_store.feedback.add(item)
            statuses[item.status.value] = statuses.get(item.status.value, 0) + 1
            about += named is not None
    return {"feedback": sum(statuses.values()), "by_status": statuses, "about_officials": about}


def bulk(store, work, *arguments):
    """`work` as one bulk write of `store`: the summaries' buckets it moves (ratings, completions) are
    recounted once at its end (BaseStore.recounts_deferred), as a migration would load history."""
    with store.recounts_deferred():
        return work(*arguments)


def generate(api, config, containers, leaves, years, training_share=0.4, feedback_per_year=3000, seed=16):
    """Generate it all; {kind: counts and seconds}. `years`: e.g. range(2017, 2027)."""
    rng, day = random.Random(seed), today()
    years = [y for y in years if y <= day.year]
    personnel, training = store_of(config, containers, "personnel"), store_of(config, containers, "training")
    officials, groups = officials_of(personnel)
    summary = {"years": [years[0], years[-1]], "training_share": training_share,
               "feedback_per_year": feedback_per_year}
    for name, work in (
            ("evaluations", lambda: bulk(personnel, evaluations, personnel, officials, groups, years, rng, day)),
            ("trainings", lambda: bulk(training, trainings, api, training, officials, years,
                                        training_share, rng, day)),
            ("feedback", lambda: feedback(store_of(config, containers, "feedback"), config, officials, leaves,
                                          years, feedback_per_year, rng, day))):
        started = time.perf_counter()
        summary[name] = work()
        summary[name]["seconds"] = round(time.perf_counter() - started, 1)
        print("  {:<12} {}".format(name, summary[name]))
    return summary
