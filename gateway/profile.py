"""The official's profile: personnel, training, inspection and feedback fetched in parallel.

One `profile_sections` call per service (four in parallel, whatever the number of sections).
Personnel is essential (no profile without the official); the other parts are not: when one is
slow or down, the answer is still given within the aggregate deadline, marked `partial`, with
the missing sections listed in `unavailable`.
"""
from gateway.backends import failure_reason

SECTIONS = {
    # section: (service, roles allowed to see it; None = every profile reader)
    "official": ("personnel", None),
    "reviews": ("personnel", None),
    "training": ("training", None),
    "training_needs": ("training", None),
    "inspection_findings": ("inspection", None),
    "feedback": ("feedback", None),
    "rewards": ("personnel", None),
    # DOMAIN rule 11: evaluation and discipline records only for the roles that need them.
    "evaluations": ("personnel", ("admin", "hr_officer")),
    "disciplines": ("personnel", ("admin", "hr_officer", "inspector")),
}


def build_profile(backends, official_id, roles=("admin",)):
    visible = [name for name, (_, allowed) in SECTIONS.items() if allowed is None or set(allowed) & set(roles)]
    by_service = {}
    for name in visible:
        by_service.setdefault(SECTIONS[name][0], []).append(name)
    calls = {service: (service, "profile_sections", (official_id, names)) for service, names in by_service.items()}
    results, failures = backends.gather(calls)
    if "personnel" in failures:
        raise failures["personnel"]
    parts = {name: value for sections in results.values() for name, value in sections.items()}
    profile = {name: parts.get(name) for name in visible}
    profile["unavailable"] = [{"section": name, "service": service, "reason": failure_reason(error)}
                              for service, error in failures.items() for name in by_service[service]]
    profile["partial"] = bool(failures)
    return profile
