"""The official's profile: personnel, training, inspection and feedback fetched in parallel.

Personnel is essential (no profile without the official); the other parts are not: when one is
slow or down, the answer is still given within the aggregate deadline, marked `partial`, with
the missing sections listed in `unavailable`.
"""
from gateway.backends import failure_reason

SECTIONS = {
    # section: (service, method, args builder, roles allowed to see it; None = every profile reader)
    "official": ("personnel", "get_official", lambda oid: (oid,), None),
    "reviews": ("personnel", "list_reviews", lambda oid: ({"official_id": oid},), None),
    "training": ("training", "list_enrollments", lambda oid: ({"official_id": oid},), None),
    "training_needs": ("training", "list_needs", lambda oid: ({"official_id": oid},), None),
    "inspection_findings": ("inspection", "list_findings", lambda oid: ({"official_id": oid},), None),
    "feedback": ("feedback", "list_about_official", lambda oid: (oid,), None),
    "rewards": ("personnel", "list_rewards", lambda oid: (oid,), None),
    # DOMAIN rule 11: evaluation and discipline records only for the roles that need them.
    "evaluations": ("personnel", "list_evaluations", lambda oid: (oid,), ("admin", "hr_officer")),
    "disciplines": ("personnel", "list_disciplines", lambda oid: (oid,), ("admin", "hr_officer", "inspector")),
}


def build_profile(backends, official_id, roles=("admin",)):
    visible = {name: spec for name, spec in SECTIONS.items() if spec[3] is None or set(spec[3]) & set(roles)}
    calls = {name: (service, method, args(official_id)) for name, (service, method, args, _) in visible.items()}
    results, failures = backends.gather(calls)
    if "official" in failures:
        raise failures["official"]
    profile = {name: results.get(name) for name in visible}
    profile["unavailable"] = [{"section": name, "service": SECTIONS[name][0], "reason": failure_reason(error)}
                              for name, error in failures.items()]
    profile["partial"] = bool(failures)
    return profile

