"""Feedback routes: public intake, tracking, rating and published answers; staff handling; dialogues."""
from gateway.http import route
from gateway.roles import FEEDBACK_STAFF, PUBLIC, STAFF
from services.feedback import api as feedback_api

TAG = "feedback"
DIALOGUES = "dialogues"
OPERATORS = ("admin",)


class FeedbackPublicRoutes:
    """No login: rate-limited per client (gateway.ratelimit)."""

    @route("POST", "/api/v1/feedback", roles=PUBLIC, body=feedback_api.SubmitFeedback,
           response=feedback_api.ReceiptView,
           status=201, tag=TAG, rate_limit="public")
    def submit_feedback(self, call):
        """Send feedback or a petition (no login); answers with a tracking code."""
        return self.backends.call("feedback", "submit", call.body)

    @route("GET", "/api/v1/feedback/track/{tracking_code}", roles=PUBLIC, response=feedback_api.TrackView, tag=TAG,
           rate_limit="public")
    def track_feedback(self, call, tracking_code):
        """Status, history and answer of one's own feedback, personal data masked."""
        return self.backends.call("feedback", "track", tracking_code)

    @route("POST", "/api/v1/feedback/track/{tracking_code}/rating", roles=PUBLIC, body=feedback_api.RateFeedback,
           response=feedback_api.TrackView, tag=TAG, rate_limit="public")
    def rate_feedback(self, call, tracking_code):
        """Rate the handling on the five SIPAS aspects (1-5), once, after the answer."""
        return self.backends.call("feedback", "rate", tracking_code, call.body)

    @route("GET", "/api/v1/feedback/published", roles=PUBLIC, query=feedback_api.PublishedQuery,
           response=feedback_api.PublishedView,
           many=True, tag=TAG, rate_limit="public")
    def published_feedback(self, call):
        """Published answers, personal data masked; by unit, procedure (code or domain) and period."""
        return self.backends.call("feedback", "list_published", call.query)


class FeedbackStaffRoutes:

    @route("POST", "/api/v1/feedback/desk/records", roles=FEEDBACK_STAFF, body=feedback_api.RecordFeedback,
           response=feedback_api.FeedbackView, status=201, tag=TAG)
    def record_feedback(self, call):
        """Record an item received by post, phone, at the desk or at a dialogue (gives its tracking code)."""
        return self.backends.call("feedback", "record", call.body, call.principal["subject"])

    @route("GET", "/api/v1/feedback", roles=FEEDBACK_STAFF, query=feedback_api.ListFeedbackQuery,
           response=feedback_api.FeedbackSummaryView, many=True, tag=TAG, unit_scoped=True)
    def list_feedback(self, call):
        """Feedback items, by unit, status, kind, channel, domain, official, officer or overdue."""
        return self.backends.call("feedback", "list_feedback", call.query)

    @route("GET", "/api/v1/feedback/statistics", roles=STAFF, query=feedback_api.StatisticsQuery,
           response=feedback_api.StatisticsView, tag=TAG, unit_scoped=True)
    def feedback_statistics(self, call):
        """Received, answered, on time, overdue; by unit, procedure domain, channel and month."""
        return self.backends.call("feedback", "statistics", call.query)

    @route("POST", "/api/v1/feedback/deadlines/check", roles=OPERATORS, response=feedback_api.DeadlineCheckView,
           tag=TAG)
    def check_feedback_deadlines(self, call):
        """Run the hourly rule 9 deadline check now (each missed deadline is announced once)."""
        return self.backends.call("feedback", "check_deadlines")

    @route("GET", "/api/v1/feedback/{feedback_id}", roles=FEEDBACK_STAFF, response=feedback_api.FeedbackView, tag=TAG)
    def get_feedback(self, call, feedback_id):
        """One feedback item with the submitter's contact data."""
        return self.backends.call("feedback", "get_feedback", feedback_id)

    @route("POST", "/api/v1/feedback/{feedback_id}/classification", roles=FEEDBACK_STAFF,
           body=feedback_api.ClassifyFeedback, response=feedback_api.FeedbackView, tag=TAG)
    def classify_feedback(self, call, feedback_id):
        """Confirm or correct the kind and procedure; complaints and denunciations leave scope (rule 9)."""
        return self.backends.call("feedback", "classify", feedback_id, call.body)

    @route("POST", "/api/v1/feedback/{feedback_id}/assignment", roles=FEEDBACK_STAFF, body=feedback_api.AssignFeedback,
           response=feedback_api.FeedbackView, tag=TAG)
    def assign_feedback(self, call, feedback_id):
        """Assign to a unit and one of its officials."""
        return self.backends.call("feedback", "assign", feedback_id, call.body)

    @route("POST", "/api/v1/feedback/{feedback_id}/subject", roles=FEEDBACK_STAFF,
           body=feedback_api.ChangeFeedbackSubject, response=feedback_api.FeedbackView, tag=TAG)
    def change_feedback_subject(self, call, feedback_id):
        """Attach, correct or detach the official (and correct the unit) the item is about, with a reason;
        kept on the item (`subject_changes`). A substantiated answer then opens a review of that official."""
        return self.backends.call("feedback", "change_subject", feedback_id, call.body, call.principal["subject"])

    @route("POST", "/api/v1/feedback/{feedback_id}/status", roles=FEEDBACK_STAFF,
           body=feedback_api.UpdateFeedbackStatus,
           response=feedback_api.FeedbackView, tag=TAG)
    def update_feedback_status(self, call, feedback_id):
        """A progress update the submitter sees (owed at least every 7 days while open)."""
        return self.backends.call("feedback", "update_status", feedback_id, call.body)

    @route("POST", "/api/v1/feedback/{feedback_id}/answer", roles=FEEDBACK_STAFF, body=feedback_api.AnswerFeedback,
           response=feedback_api.FeedbackView, tag=TAG)
    def answer_feedback(self, call, feedback_id):
        """Answer; `substantiated` about an official opens a review of them."""
        return self.backends.call("feedback", "answer", feedback_id, call.body)

    @route("POST", "/api/v1/feedback/{feedback_id}/publication", roles=FEEDBACK_STAFF,
           body=feedback_api.PublishFeedback,
           response=feedback_api.FeedbackView, tag=TAG)
    def publish_feedback(self, call, feedback_id):
        """Publish the answer (due within 2 working days), the submitter's data masked."""
        return self.backends.call("feedback", "publish", feedback_id, call.body)


class DialogueRoutes:

    @route("POST", "/api/v1/dialogues", roles=FEEDBACK_STAFF, body=feedback_api.RecordDialogue,
           response=feedback_api.DialogueView,
           status=201, tag=DIALOGUES)
    def record_dialogue(self, call):
        """Record a dialogue held, with the feedback items raised there."""
        return self.backends.call("feedback", "record_dialogue", call.body, call.principal["subject"])

    @route("GET", "/api/v1/dialogues", roles=STAFF, query=feedback_api.ListDialoguesQuery,
           response=feedback_api.DialogueView,
           many=True, tag=DIALOGUES, unit_scoped=True)
    def list_dialogues(self, call):
        """Dialogues held, by unit and period."""
        return self.backends.call("feedback", "list_dialogues", call.query)

    @route("GET", "/api/v1/dialogues/{dialogue_id}", roles=STAFF, response=feedback_api.DialogueView, tag=DIALOGUES)
    def get_dialogue(self, call, dialogue_id):
        """One dialogue and the feedback items raised there."""
        return self.backends.call("feedback", "get_dialogue", dialogue_id)


class FeedbackRoutes(FeedbackPublicRoutes, FeedbackStaffRoutes, DialogueRoutes):
    """The one mixin the gateway imports."""
