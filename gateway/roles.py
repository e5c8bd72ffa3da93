"""Which roles may do what; which units a scoped caller may reach is gateway/scope.py's question."""
ADMIN = "admin"
# What a user (or a general API key) may hold; `subscriber` is the role of an agency's own key only
# (gateway/routes/agencies.py), never given to a user.
USER_ROLES = ("admin", "hr_officer", "trainer", "inspector", "feedback_officer", "viewer")
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
ROLES = USER_ROLES + (SUBSCRIBER,)
PUBLIC = None
ADMIN_ONLY = ("admin",)
