"""Administration: users with roles and unit scopes, agencies' API keys, the audit trail."""
from gateway import identity, passwords
from gateway.http import route
from gateway.roles import ADMIN_ONLY
from gateway.schemas import (ApiKeyView, AuditQuery, AuditView, CreateApiKey, CreateUser, SetPassword,
                             UserView)

TAG = "administration"


class AdminRoutes:

    @route("POST", "/api/v1/users", roles=ADMIN_ONLY, body=CreateUser, response=UserView, status=201, tag=TAG)
    def create_user(self, call):
        """Create a user with roles and an optional unit scope (password hashed with Argon2id)."""
        data = call.loaded_body
        passwords.require_strong(data["password"], data["username"], [data["full_name"]])
        self._require_unit(data["unit_id"])
        user = {"username": data["username"], "full_name": data["full_name"], "roles": data["roles"],
                "unit_id": data["unit_id"], "active": True, "token_generation": 0,
                "password_hash": identity.hash_password(data["password"])}
        self.auth.store.add_user(user)
        return UserView().dump(user)

    @route("GET", "/api/v1/users", roles=ADMIN_ONLY, response=UserView, many=True, tag=TAG)
    def list_users(self, call):
        """Users and their roles."""
        users = self.auth.store.list_users()
        return {"items": UserView(many=True).dump(users), "total": len(users)}

    @route("POST", "/api/v1/users/{username}/deactivate", roles=ADMIN_ONLY, response=UserView, tag=TAG)
    def deactivate_user(self, call, username):
        """Deactivate a user: their tokens stop working at once."""
        self.auth.store.update_user(username, {"active": False}, revoke_tokens=True)
        return UserView().dump(self.auth.store.get_user(username))

    @route("POST", "/api/v1/users/{username}/activate", roles=ADMIN_ONLY, response=UserView, tag=TAG)
    def activate_user(self, call, username):
        """Reactivate a user: they log in again; tokens issued before the deactivation stay refused."""
        self.auth.store.update_user(username, {"active": True}, revoke_tokens=True)
        return UserView().dump(self.auth.store.get_user(username))

    @route("POST", "/api/v1/users/{username}/password", roles=ADMIN_ONLY, body=SetPassword, response=UserView,
           tag=TAG)
    def set_password(self, call, username):
        """Set a new password: the user's earlier tokens stop working and every lockout is lifted."""
        user = self.auth.store.get_user(username)
        passwords.require_strong(call.body["password"], username, [user.get("full_name")])
        self.auth.set_password(username, call.body["password"])
        return UserView().dump(self.auth.store.get_user(username))

    @route("POST", "/api/v1/api-keys", roles=ADMIN_ONLY, body=CreateApiKey, response=ApiKeyView, status=201,
           tag=TAG)
    def create_api_key(self, call):
        """Issue an API key to another agency (read-only by default); the key is shown only now."""
        data = call.loaded_body
        self._require_unit(data["unit_id"])
        record, presented = identity.new_api_key(data["agency"], data["roles"], data["unit_id"],
                                                 call.principal["subject"])
        self.auth.store.add_api_key(record)
        return dict(ApiKeyView().dump(record), api_key=presented)

    @route("GET", "/api/v1/api-keys", roles=ADMIN_ONLY, response=ApiKeyView, many=True, tag=TAG)
    def list_api_keys(self, call):
        """API keys (never their secrets)."""
        keys = self.auth.store.list_api_keys()
        return {"items": ApiKeyView(many=True).dump(keys), "total": len(keys)}

    @route("POST", "/api/v1/api-keys/{key_id}/revoke", roles=ADMIN_ONLY, response=ApiKeyView, tag=TAG)
    def revoke_api_key(self, call, key_id):
        """Revoke an API key at once."""
        self.auth.store.revoke_api_key(key_id, identity.now_utc().isoformat())
        return ApiKeyView().dump(self.auth.store.find_api_key(key_id))

    @route("GET", "/api/v1/audit", roles=ADMIN_ONLY, query=AuditQuery, response=AuditView, many=True, tag=TAG)
    def audit_trail(self, call):
        """Who did what, when and from where: every write and every read of personal data."""
        query = call.loaded_query
        items, total = self.auth.store.audit_trail(query.get("actor"), query.get("path"), query.get("since"),
                                                   query["offset"], query["limit"])
        return {"items": AuditView(many=True).dump(items), "total": total}

    def _require_unit(self, unit_id):
        """A user's or an API key's unit scope names a unit of personnel: 404 for an unknown one."""
        if unit_id:
            self.backends.call("personnel", "get_unit", unit_id)
