"""The official's profile: personnel, training, inspection and feedback fetched in parallel.

Personnel is essential (no profile without the official); the other parts are not: when one is
slow or down, the answer is still given within the aggregate deadline, marked `partial`, with
the missing sections listed in `unavailable`.
"""
from nameko.exceptions import RpcTimeout, UnknownService

SECTIONS = {
    # section: (service, method, args builder)
    "official": ("personnel", "get_official", lambda oid: (oid,)),
    "reviews": ("personnel", "list_reviews", lambda oid: ({"official_id": oid},)),
    "training": ("training", "list_enrollments", lambda oid: ({"official_id": oid},)),
    "inspection_findings": ("inspection", "list_findings", lambda oid: ({"official_id": oid},)),
    "feedback": ("feedback", "list_about_official", lambda oid: (oid,)),
}


def build_profile(backends, official_id):
    calls = {name: (service, method, args(official_id)) for name, (service, method, args) in SECTIONS.items()}
    results, failures = backends.gather(calls)
    if "official" in failures:
        raise failures["official"]
    profile = {name: results.get(name) for name in SECTIONS}
    profile["unavailable"] = [{"section": name, "service": SECTIONS[name][0], "reason": _reason(error)}
                              for name, error in failures.items()]
    profile["partial"] = bool(failures)
    return profile


def _reason(error):
    if isinstance(error, RpcTimeout):
        return "did not answer in time"
    if isinstance(error, UnknownService):
        return "not running"
    return "failed ({})".format(type(error).__name__)
