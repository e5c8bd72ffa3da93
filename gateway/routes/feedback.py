"""Feedback routes: public intake and tracking, staff handling."""
from gateway.http import route
from gateway.roles import FEEDBACK_STAFF, PUBLIC
from services.feedback import schemas as fs

TAG = "feedback"


class FeedbackRoutes:

    @route("POST", "/api/v1/feedback", roles=PUBLIC, body=fs.SubmitFeedback, response=fs.ReceiptView,
           status=201, tag=TAG, rate_limit="public")
    def submit_feedback(self, call):
        """Send feedback or a petition (no login); answers with a tracking code."""
        return self.backends.call("feedback", "submit", call.body)

    @route("GET", "/api/v1/feedback/track/{tracking_code}", roles=PUBLIC, response=fs.TrackView, tag=TAG,
           rate_limit="public")
    def track_feedback(self, call, tracking_code):
        """Status, history and answer of one's own feedback, personal data masked."""
        return self.backends.call("feedback", "track", tracking_code)

    @route("GET", "/api/v1/feedback", roles=FEEDBACK_STAFF, query=fs.ListFeedbackQuery,
           response=fs.FeedbackSummaryView, many=True, tag=TAG)
    def list_feedback(self, call):
        """Feedback items, by unit, status, kind or official."""
        return self.backends.call("feedback", "list_feedback", call.query)

    @route("GET", "/api/v1/feedback/{feedback_id}", roles=FEEDBACK_STAFF, response=fs.FeedbackView, tag=TAG)
    def get_feedback(self, call, feedback_id):
        """One feedback item with the submitter's contact data."""
        return self.backends.call("feedback", "get_feedback", feedback_id)

    @route("POST", "/api/v1/feedback/{feedback_id}/answer", roles=FEEDBACK_STAFF, body=fs.AnswerFeedback,
           response=fs.FeedbackView, tag=TAG)
    def answer_feedback(self, call, feedback_id):
        """Answer; `substantiated` about an official opens a review of them."""
        return self.backends.call("feedback", "answer", feedback_id, call.body)
