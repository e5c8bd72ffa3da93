"""The official's profile: personnel, training, inspection and feedback fetched in parallel.

One `profile_sections` call per service (four in parallel, whatever the number of sections).
Personnel is essential (no profile without the official); the other parts are not: when one is
slow or down, the answer is still given within the aggregate deadline, marked `partial`, with
the missing sections listed in `unavailable`.
"""
import functools

from gateway.backends import failure_reason
from gateway.http import ROUTES

# section: (service, the GET route answering the same data on its own). A section is shown to exactly the
# roles that route allows (docs/domain.md rule 11): one rule per kind of data, so the profile cannot show a viewer
# the review reasons, findings or feedback answers that GET /reviews, /inspection/findings or /feedback refuse.
SECTIONS = {
    "official": ("personnel", "/api/v1/officials/{official_id}"),
    "reviews": ("personnel", "/api/v1/reviews"),
    "training": ("training", "/api/v1/training/enrollments"),
    "training_needs": ("training", "/api/v1/training/needs"),
    "inspection_findings": ("inspection", "/api/v1/inspection/findings"),
    "feedback": ("feedback", "/api/v1/feedback"),
    "rewards": ("personnel", "/api/v1/officials/{official_id}/rewards"),
    "evaluations": ("personnel", "/api/v1/officials/{official_id}/evaluations"),
    "disciplines": ("personnel", "/api/v1/officials/{official_id}/disciplines"),
}


@functools.cache
def section_roles(name):
    """The roles that may see a section: those of its route (looked up when asked, once every route is declared)."""
    path = SECTIONS[name][1]
    return next(spec.roles for spec in ROUTES if spec.method == "GET" and spec.path == path)


def build_profile(backends, official_id, roles=("admin",)):
    visible = [name for name in SECTIONS if set(section_roles(name)) & set(roles)]
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
