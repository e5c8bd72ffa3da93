"""Which roles may do what; which units a scoped caller may reach is gateway/scope.py's question."""
ADMIN = "admin"
STAFF = ("admin", "hr_officer", "trainer", "inspector", "feedback_officer", "viewer")
HR_WRITE = ("admin", "hr_officer")
TRAINING_WRITE = ("admin", "trainer")
INSPECTION_WRITE = ("admin", "inspector")
FEEDBACK_STAFF = ("admin", "feedback_officer")
REVIEWS_READ = ("admin", "hr_officer", "inspector")
PROFILE_READ = ("admin", "hr_officer", "inspector", "viewer")
# An agency's API key (gateway/routes/agencies.py): its own stream, its own webhooks, nothing else.
SUBSCRIBER = "subscriber"
AGENCY_SELF = ("admin", SUBSCRIBER)
EVENTS_READ = ("admin", SUBSCRIBER)
PUBLIC = None
ADMIN_ONLY = ("admin",)
