"""Aggregated views."""
from gateway.http import route
from gateway.profile import build_profile
from gateway.roles import PROFILE_READ


class ProfileRoutes:

    @route("GET", "/api/v1/officials/{official_id}/profile", roles=PROFILE_READ, tag="aggregates")
    def get_profile(self, call, official_id):
        """Everything about an official from the four services; `partial` when a part is missing."""
        return build_profile(self.backends, official_id)
