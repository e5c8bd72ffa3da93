"""Personnel routes for reviews, discipline, rewards, evaluation and separations.

Evaluation and discipline records are visible only to the roles that need them (docs/domain.md rule 11).
"""
from gateway.http import route
from gateway.roles import HR_WRITE, REVIEWS_READ, STAFF
from services.personnel import api as personnel_api

TAG = "personnel"
RECORDS_READ = ("admin", "hr_officer")          # evaluations: HR only (rule 11)
DISCIPLINE_READ = REVIEWS_READ                  # HR and inspectors (a finding may lead to discipline)


class PersonnelRecordRoutes:

    @route("POST", "/api/v1/reviews", roles=HR_WRITE, body=personnel_api.OpenReview,
           response=personnel_api.ReviewView, status=201,
           tag=TAG)
    def open_review(self, call):
        """Open a review case by hand (one per official and source item)."""
        return self.backends.call("personnel", "open_review", call.body)

    @route("POST", "/api/v1/reviews/{review_id}/investigation", roles=HR_WRITE, body=personnel_api.StartInvestigation,
           response=personnel_api.ReviewView, tag=TAG)
    def start_investigation(self, call, review_id):
        """OPEN -> INVESTIGATING; optionally extend the deadline to 150 days."""
        return self.backends.call("personnel", "start_investigation", review_id, call.body)

    @route("POST", "/api/v1/reviews/{review_id}/decision", roles=HR_WRITE, body=personnel_api.ReviewDecision,
           response=personnel_api.ReviewView, tag=TAG)
    def decide_review(self, call, review_id):
        """Decide a case under investigation: no action, reminder, retraining, discipline, reassignment."""
        return self.backends.call("personnel", "decide_review", review_id, call.body)

    @route("POST", "/api/v1/officials/{official_id}/disciplines", roles=HR_WRITE, body=personnel_api.ImposeDiscipline,
           response=personnel_api.DisciplineView, status=201, tag=TAG)
    def impose_discipline(self, call, official_id):
        """Record a discipline; the form must be valid for the category and the violation date."""
        return self.backends.call("personnel", "impose_discipline", official_id, call.body)

    @route("GET", "/api/v1/officials/{official_id}/disciplines", roles=DISCIPLINE_READ,
           response=personnel_api.DisciplineView, many=True, tag=TAG)
    def list_disciplines(self, call, official_id):
        """An official's disciplines."""
        items = self.backends.call("personnel", "list_disciplines", official_id)
        return {"items": items, "total": len(items)}

    @route("POST", "/api/v1/officials/{official_id}/rewards", roles=HR_WRITE, body=personnel_api.RecordReward,
           response=personnel_api.RewardView, status=201, tag=TAG)
    def record_reward(self, call, official_id):
        """Record a reward (huân chương, bằng khen, giấy khen...)."""
        return self.backends.call("personnel", "record_reward", official_id, call.body)

    @route("GET", "/api/v1/officials/{official_id}/rewards", roles=STAFF, response=personnel_api.RewardView, many=True,
           tag=TAG)
    def list_rewards(self, call, official_id):
        """An official's rewards."""
        items = self.backends.call("personnel", "list_rewards", official_id)
        return {"items": items, "total": len(items)}

    @route("POST", "/api/v1/officials/{official_id}/evaluations", roles=HR_WRITE, body=personnel_api.RecordEvaluation,
           response=personnel_api.EvaluationView, status=201, tag=TAG)
    def record_evaluation(self, call, official_id):
        """Record the year's rating under the rules valid for that year (docs/domain.md rules 1-5)."""
        return self.backends.call("personnel", "record_evaluation", official_id, call.body)

    @route("GET", "/api/v1/officials/{official_id}/evaluations", roles=RECORDS_READ,
           response=personnel_api.EvaluationView,
           many=True, tag=TAG)
    def list_evaluations(self, call, official_id):
        """An official's yearly ratings."""
        items = self.backends.call("personnel", "list_evaluations", official_id)
        return {"items": items, "total": len(items)}

    @route("GET", "/api/v1/units/{unit_id}/evaluations", roles=RECORDS_READ, query=personnel_api.DistributionQuery,
           response=personnel_api.DistributionView, tag=TAG)
    def rating_distribution(self, call, unit_id):
        """How a unit's (and its sub-units') officials were rated in a year."""
        return self.backends.call("personnel", "rating_distribution", unit_id, call.query)

    @route("GET", "/api/v1/officials/{official_id}/evaluations/suggestion", roles=RECORDS_READ,
           query=personnel_api.SuggestionQuery, response=personnel_api.SuggestionView, tag=TAG)
    def suggest_evaluation(self, call, official_id):
        """An evidence-based rating suggestion for a year, listing every item of evidence."""
        return self.backends.call("personnel", "suggest_evaluation", official_id, call.query)

    @route("POST", "/api/v1/officials/{official_id}/work-scores", roles=HR_WRITE, body=personnel_api.RecordWorkScore,
           response=personnel_api.WorkScoresView, status=201, tag=TAG)
    def record_work_score(self, call, official_id):
        """Record a month's or quarter's score (0-100) of a công chức's tasks and work products by their direct
        manager, from 2026 (Decree 335/2025); the same period again corrects it. Answers the year with its score."""
        return self.backends.call("personnel", "record_work_score", official_id, call.body, call.principal["subject"])

    @route("GET", "/api/v1/officials/{official_id}/work-scores", roles=RECORDS_READ,
           query=personnel_api.WorkScoresQuery, response=personnel_api.WorkScoresView, tag=TAG)
    def get_work_scores(self, call, official_id):
        """A year's periodic work scores and the yearly score and band computed from them (rule 4)."""
        return self.backends.call("personnel", "get_work_scores", official_id, call.query)

    @route("POST", "/api/v1/officials/{official_id}/separations", roles=HR_WRITE, body=personnel_api.Separate,
           response=personnel_api.OfficialView, status=201, tag=TAG)
    def separate_official(self, call, official_id):
        """Record that an official left the service; their file stays in history."""
        return self.backends.call("personnel", "separate_official", official_id, call.body)

    @route("GET", "/api/v1/officials/{official_id}/separations", roles=STAFF, response=personnel_api.SeparationView,
           many=True, tag=TAG)
    def list_separations(self, call, official_id):
        """How an official left the service, if they did."""
        items = self.backends.call("personnel", "list_separations", official_id)
        return {"items": items, "total": len(items)}
