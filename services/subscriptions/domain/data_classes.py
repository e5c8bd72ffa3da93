"""What each event type may reveal, and so who may receive it (docs/agencies.md, "Data classes").

Every type in the catalog has one class; tests/unit/subscriptions/test_data_classes.py fails when a type is
missing here, so a new event cannot reach an agency before someone decided what it reveals.

- PUBLIC (công khai): facts the province publishes anyway (units, courses, published answers, dialogues);
- INTERNAL (nội bộ): the work of public bodies (inspections, deadlines), ids of officials at most;
- PERSONAL (dữ liệu cá nhân cơ bản): facts about one identified official or petitioner (career, ratings,
  training, qualifications);
- RESTRICTED (dữ liệu cá nhân nhạy cảm / hạn chế): disciplines, review cases, findings naming people,
  repayments.
PERSONAL and RESTRICTED types reach an agency only through a grant recording its legal basis: the Law on
Personal Data Protection 91/2025/QH15 (in force from 1 Jan 2026; Decree 13/2023/NĐ-CP before it) lets
personal data be shared only on a basis the controller records (RULE_PERSONAL_DATA_GRANT).
"""
from enum import StrEnum

from services.common.domain_event import cloudevent_type


class DataClass(StrEnum):
    PUBLIC = "public"            # Công khai
    INTERNAL = "internal"        # Nội bộ
    PERSONAL = "personal"        # Dữ liệu cá nhân
    RESTRICTED = "restricted"    # Dữ liệu hạn chế (cá nhân nhạy cảm)


NEEDS_LEGAL_BASIS = frozenset({DataClass.PERSONAL, DataClass.RESTRICTED})
PERSONAL_DATA_LAW = "Law 91/2025/QH15 on Personal Data Protection (from 1 Jan 2026; Decree 13/2023/NĐ-CP before)"

PUBLIC, INTERNAL, PERSONAL, RESTRICTED = DataClass.PUBLIC, DataClass.INTERNAL, DataClass.PERSONAL, DataClass.RESTRICTED

# (publishing service, routing key) -> class.
CLASSES = {
    ("personnel", "unit_created"): PUBLIC,
    ("personnel", "unit_updated"): PUBLIC,
    ("personnel", "official_registered"): PERSONAL,
    ("personnel", "official_updated"): PERSONAL,
    ("personnel", "official_separated"): PERSONAL,
    ("personnel", "qualification_updated"): PERSONAL,
    ("personnel", "standards_status_changed"): PERSONAL,
    ("personnel", "evaluation_recorded"): PERSONAL,
    ("personnel", "recruitment_campaign_opened"): PUBLIC,       # the campaign's notice: vacancies, rule set
    ("personnel", "recruitment_results_published"): PUBLIC,     # counts per vacancy, no candidate data
    ("personnel", "recruitment_completed"): PERSONAL,           # names the officials recruited
    ("personnel", "probation_ended"): PERSONAL,                 # one official's probation outcome
    ("personnel", "discipline_imposed"): RESTRICTED,
    ("personnel", "review_opened"): RESTRICTED,
    ("personnel", "review_decided"): RESTRICTED,
    ("personnel", "review_overdue"): RESTRICTED,
    ("personnel", "official_transferred"): PERSONAL,
    ("personnel", "rank_changed"): PERSONAL,
    ("personnel", "salary_changed"): PERSONAL,
    ("personnel", "official_appointed"): PERSONAL,
    ("personnel", "history_corrected"): PERSONAL,
    ("personnel", "units_reorganised"): PUBLIC,
    ("personnel", "official_removed_from_post"): PERSONAL,
    ("personnel", "promotion_round_opened"): PUBLIC,            # the round's notice: target rank, places
    ("personnel", "promotion_completed"): PERSONAL,             # names the officials promoted
    ("personnel", "leader_selection_opened"): PUBLIC,           # the post and the selection's notice
    ("personnel", "leader_selected"): PERSONAL,                 # names the one chosen
    ("personnel", "reappointment_due"): PERSONAL,               # one official's term ending
    ("training", "course_created"): PUBLIC,
    ("training", "course_cancelled"): PUBLIC,
    ("training", "training_plan_approved"): PUBLIC,
    ("training", "enrollment_created"): PERSONAL,
    ("training", "training_completed"): PERSONAL,
    ("training", "training_failed"): PERSONAL,
    ("training", "training_result_corrected"): PERSONAL,
    ("training", "training_need_created"): PERSONAL,
    ("training", "training_need_closed"): PERSONAL,
    ("training", "training_repayment_required"): RESTRICTED,
    ("inspection", "inspection_opened"): INTERNAL,
    ("inspection", "inspection_stage_changed"): INTERNAL,
    ("inspection", "inspection_concluded"): INTERNAL,
    ("inspection", "finding_recorded"): RESTRICTED,
    ("inspection", "recommendation_progressed"): INTERNAL,
    ("inspection", "recommendation_overdue"): INTERNAL,
    ("feedback", "feedback_received"): PERSONAL,
    ("feedback", "feedback_assigned"): INTERNAL,
    ("feedback", "feedback_subject_changed"): PERSONAL,     # names the official a feedback is about
    ("feedback", "feedback_answered"): PERSONAL,
    ("feedback", "feedback_substantiated"): RESTRICTED,
    ("feedback", "feedback_overdue"): INTERNAL,
    ("feedback", "feedback_published"): PUBLIC,
    ("feedback", "dialogue_held"): PUBLIC,
    ("subscriptions", "subscriber_lagging"): INTERNAL,
    ("subscriptions", "webhook_endpoint_disabled"): INTERNAL,
}

# CloudEvents type -> (service, routing key, class): what grants and the archive speak.
BY_TYPE = {cloudevent_type(service, key): (service, key, data_class) for (service, key), data_class in CLASSES.items()}


def class_of(event_type):
    found = BY_TYPE.get(event_type)
    return found[2] if found else None
