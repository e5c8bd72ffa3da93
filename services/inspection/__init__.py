"""Inspection service: plans, runs and follows up inspections (thanh tra / kiểm tra) of personnel work, public duty,
administrative reform and administrative-procedure (TTHC) compliance. Legal basis, by the decision date: Law
84/2025/QH15 on Inspection (from 1 Jul 2025), Law 11/2022/QH15 (1 Jul 2023 - 30 Jun 2025), Law 56/2010/QH12
(1 Jul 2011 - 30 Jun 2023); docs/domain.md rule 10.

## Workflow (HTTP routes in gateway/routes/inspection*.py)
1. `POST /api/v1/inspection/plans`: the annual plan (target units and topics). `GET .../plans/{id}` shows each
   item with the inspection carrying it out and done vs planned (%); an item is done when its inspection is
   concluded. AD_HOC inspections of the year are counted beside the plan.
2. `POST /api/v1/inspections` opens an inspection at DECISION (`plan_id` + `plan_item_id` for a planned one).
3. `POST /api/v1/inspections/{id}/stage` `{stage, entered_on}` moves one stage forward:
   DECISION -> FIELDWORK -> RESULT_REPORT -> DRAFT_CONCLUSION -> CONCLUSION -> PUBLISHED -> FOLLOW_UP -> CLOSED.
   Skipping or going back: 422 `INSPECTION_STAGE_ORDER`. CONCLUSION is entered by the conclusion itself.
4. `POST /api/v1/inspections/{id}/findings`: officials named must have belonged to the inspected unit on the
   violation date (else the decision date), per personnel's registrations, transfers and separations.
5. `POST /api/v1/inspections/{id}/conclusion` on the draft only (without a results report: 422
   `CONCLUSION_NEEDS_RESULT_REPORT`), with recommendations `{content, owner, due_on}` (owner and deadline
   required). `inspection_concluded` carries every finding and its responsible officials (personnel opens reviews).
6. `POST /api/v1/inspections/{id}/recommendations/{rid}/progress` `{reported_on, note, percent_complete, status,
   waiver_reason}`: DONE settles, WAIVED settles with its reason. Closing: 422
   `CLOSE_WHEN_RECOMMENDATIONS_SETTLED` while one is open.
7. A timer (hourly; also `POST /api/v1/inspection/overdue-scan`) announces `recommendation_overdue` once per
   recommendation: the flag `overdue_notified` is written in the same document write as the event.
8. `GET /api/v1/inspection/risk-candidates?from=&to=` proposes units for an ad-hoc inspection from feedback
   events (substantiated feedback, overdue answers) with the evidence; `GET /api/v1/inspection/violations`
   counts TTHC findings by domain and by unit over a period.

## Deadlines and settings (config keys, defaults)
Shown on every inspection (`deadlines`, `overdue`), each with its `legal_basis`: the rule set of the law in
force on the decision date (`domain/deadlines.py`). Law 84/2025 (configurable): the draft conclusion within
`INSPECTION_DRAFT_CONCLUSION_WORKING_DAYS` (5) working days of the results report; the conclusion within
`INSPECTION_CONCLUSION_DAYS` (15) days of the draft; the follow-up (implementation directive) within
`INSPECTION_DIRECTIVE_DAYS` (15) days of the conclusion. `INSPECTION_CONCLUSION_IN_WORKING_DAYS` /
`INSPECTION_DIRECTIVE_IN_WORKING_DAYS` (false) count those 15 days as working days (unconfirmed in the
sources). Fixed, not configured: Law 11/2022, the conclusion within 15 days of the draft (art. 78(1)); Law
56/2010, the conclusion within 15 days of the results report (art. 50(1)); no deadline before 1 Jul 2011. Working days skip weekends and Vietnamese public holidays (`holidays` package). Risk thresholds:
`INSPECTION_RISK_MIN_SUBSTANTIATED` (3), `INSPECTION_RISK_MIN_OVERDUE` (5).

## Events
Published on `inspection.events`: inspection_opened, finding_recorded, inspection_stage_changed,
inspection_concluded, recommendation_progressed, recommendation_overdue (docs/events).
Consumed: personnel unit_created, unit_updated, official_registered, official_updated (optional
`effective_on`, else the day it was sent), official_separated; feedback feedback_received,
feedback_substantiated, feedback_overdue.
"""
