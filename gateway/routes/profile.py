"""Aggregated views."""
from gateway.http import route
from gateway.profile import build_profile
from gateway.roles import PROFILE_READ
from gateway.routes.personnel_privacy import for_principal


class ProfileRoutes:

    @route("GET", "/api/v1/officials/{official_id}/profile", roles=PROFILE_READ, tag="aggregates")
    def get_profile(self, call, official_id):
        """Everything about an official from the four services; `partial` when a part is missing.

        Each section only for the roles its own route allows (GET /reviews, /inspection/findings, /feedback,
        /officials/{id}/evaluations...: docs/domain.md rule 11)."""
        profile = build_profile(self.backends, official_id, call.principal["roles"])
        return dict(profile, official=for_principal(profile["official"], call.principal))
