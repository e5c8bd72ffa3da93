"""# Feedback service (phản ánh, kiến nghị; đối thoại)

Citizens' and businesses' feedback on administrative regulations, procedures and officials' conduct
(docs/domain.md rule 9), its deadlines, publication with personal data masked (rule 11), satisfaction
ratings and dialogues. HTTP routes: `gateway/routes/feedback.py` (all in `/openapi.json`).

## Life of a feedback
`RECEIVED` (public form, or recorded by staff from post, phone, the desk, the national portal or a
dialogue) -> `CLASSIFIED` -> `FORWARDED` (assigned to a unit and one of its officials) ->
`IN_PROGRESS` (progress notes, shown to the submitter) -> `ANSWERED` (possibly substantiated; about
a named official this opens a review in personnel) -> `PUBLISHED` (masked). Complaints and
denunciations (khiếu nại, tố cáo) become `OUT_OF_SCOPE` with where to send them; a misclassified
item can be brought back into scope by a new classification. After the answer the submitter rates
the five SIPAS aspects once (1-5) with the tracking code.

## Deadlines (rule 9) and their calendar
Decree 20/2008/ND-CP as amended by Decree 92/2017/ND-CP; Circular 02/2017/TT-VPCP:

| deadline | counted from | default | setting |
| --- | --- | --- | --- |
| `ANSWER` | receipt | 20 calendar days | `FEEDBACK_ANSWER_DAYS`, `FEEDBACK_ANSWER_DAY_COUNT` |
| `STATUS_UPDATE` | the last status change, while open | 7 calendar days | `FEEDBACK_STATUS_UPDATE_DAYS`, `FEEDBACK_STATUS_UPDATE_DAY_COUNT` |
| `PUBLICATION` | the answer | 2 working days | `FEEDBACK_PUBLICATION_DAYS`, `FEEDBACK_PUBLICATION_DAY_COUNT` |

Whether the 20 and 7 days are calendar or working days is **unconfirmed** (no primary text found):
the defaults take the stricter reading (calendar days, never later than the law); set the
`*_DAY_COUNT` to `WORKING` once confirmed. Working days skip Saturdays, Sundays, the statutory
holidays of the pinned `holidays` package (`holidays.Vietnam`, Tết included) and the year's decreed
days off (`FEEDBACK_DAYS_OFF`, ISO dates); `FEEDBACK_WORKING_DAYS` lists weekend days worked in
exchange. "Within N days of X" does not count X; a deadline is missed from the day after its due day.

A nameko timer checks every hour (and at start) and announces each missed deadline once as
`feedback_overdue` (`deadline`, `due_on`, the handling unit and the assigned officer), with a flag
written in the same atomic write; operators can run the same check with
`POST /api/v1/feedback/deadlines/check`.

## Events
Published: `feedback_received`, `feedback_assigned`, `feedback_answered`, `feedback_substantiated`,
`feedback_overdue`, `feedback_published`, `dialogue_held` (docs/events). No personal data travels in
events. Consumed from personnel: `unit_created`, `unit_updated`, `official_registered`,
`official_updated` (projections the feedback is checked against).
"""
