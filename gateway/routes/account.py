"""A signed-in person's own account: changing their password."""
from gateway import passwords
from gateway.errors import HttpError
from gateway.http import route
from gateway.roles import STAFF
from gateway.routes.operations import TokenView
from gateway.schemas import ChangeOwnPassword


class AccountRoutes:

    @route("POST", "/api/v1/auth/password", roles=STAFF, body=ChangeOwnPassword, response=TokenView, tag="auth",
           rate_limit="login")
    def change_own_password(self, call):
        """Change your own password (the current one is required); every earlier token of yours stops
        working, and the answer is a new token."""
        if call.principal["kind"] != "user":
            raise HttpError(403, "FORBIDDEN", "an API key has no password; ask an administrator to issue a new key")
        username, current, new = call.principal["subject"], call.body["current_password"], call.body["password"]
        try:  # wrong current passwords count towards the lockout like failed logins
            user = self.auth.authenticate(username, current, self.rate_limits.client(call.request))
        except HttpError as error:
            if error.status != 401:
                raise
            raise HttpError(400, "INVALID_CREDENTIALS", "the current password is wrong",
                            fields={"current_password": ["wrong password"]}) from None
        if new == current:
            raise HttpError(400, "WEAK_PASSWORD", "the new password must differ from the current one",
                            fields={"password": ["must differ from the current password"]})
        passwords.require_strong(new, username, [user.get("full_name")])
        self.auth.set_password(username, new)
        return self.auth.issue(self.auth.store.get_user(username))
