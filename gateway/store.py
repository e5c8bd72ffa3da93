"""The gateway's own storage: users, API keys, the audit trail (the only gateway module speaking pymongo)."""
import re
from datetime import datetime, timezone

from pymongo import ASCENDING, DESCENDING
from pymongo.errors import DuplicateKeyError

from services.common.errors import Conflict, NotFound
from services.common.mongo import database_for

USERS, API_KEYS, AUDIT = "users", "api_keys", "audit"


class GatewayStore:
    def __init__(self, db):
        self.db = db

    @classmethod
    def from_config(cls, config):
        store = cls(database_for(config, "gateway"))
        store.ensure_indexes()
        return store

    def ensure_indexes(self):
        self.db[AUDIT].create_index([("at", DESCENDING)], name="audit_time")
        self.db[AUDIT].create_index([("actor", ASCENDING), ("at", DESCENDING)], name="audit_actor")
        self.db[API_KEYS].create_index([("agency", ASCENDING)], name="api_key_agency")

    # --- users -------------------------------------------------------------------------------
    def add_user(self, user):
        try:
            self.db[USERS].insert_one(dict(user, _id=user["username"]))
        except DuplicateKeyError:
            raise Conflict("username already taken", fields={"username": ["already exists"]}) from None

    def find_user(self, username):
        document = self.db[USERS].find_one({"_id": username})
        return _plain(document)

    def get_user(self, username):
        user = self.find_user(username)
        if user is None:
            raise NotFound("user {} not found".format(username))
        return user

    def list_users(self):
        return [_plain(d) for d in self.db[USERS].find({}).sort("_id", ASCENDING)]

    def update_user(self, username, changes):
        if not self.db[USERS].update_one({"_id": username}, {"$set": changes}).matched_count:
            raise NotFound("user {} not found".format(username))

    def record_failed_login(self, username, locked_until):
        """Count a failure atomically; returns the new count."""
        document = self.db[USERS].find_one_and_update(
            {"_id": username}, {"$inc": {"failed_logins": 1}}, return_document=True)
        if document and locked_until and document["failed_logins"] >= locked_until[0]:
            self.db[USERS].update_one({"_id": username}, {"$set": {"locked_until": locked_until[1]}})
        return document["failed_logins"] if document else 0

    # --- API keys ----------------------------------------------------------------------------
    def add_api_key(self, key):
        self.db[API_KEYS].insert_one(dict(key, _id=key["key_id"]))

    def find_api_key(self, key_id):
        return _plain(self.db[API_KEYS].find_one({"_id": key_id}))

    def list_api_keys(self):
        return [_plain(d) for d in self.db[API_KEYS].find({}, {"secret_hash": 0}).sort("_id", ASCENDING)]

    def revoke_api_key(self, key_id, revoked_at):
        if not self.db[API_KEYS].update_one({"_id": key_id}, {"$set": {"revoked_at": revoked_at}}).matched_count:
            raise NotFound("API key {} not found".format(key_id))

    # --- audit -------------------------------------------------------------------------------
    def audit(self, entry):
        self.db[AUDIT].insert_one(dict(entry, at=datetime.now(timezone.utc).isoformat(timespec="milliseconds")))

    def audit_trail(self, actor=None, path_prefix=None, since=None, offset=0, limit=50):
        query = {}
        if actor:
            query["actor"] = actor
        if path_prefix:
            query["path"] = {"$regex": "^" + re.escape(path_prefix)}
        if since:
            query["at"] = {"$gte": since}
        cursor = self.db[AUDIT].find(query, {"_id": 0}).sort("at", DESCENDING).skip(offset).limit(limit)
        return list(cursor), self.db[AUDIT].count_documents(query)


def _plain(document):
    if document is None:
        return None
    document = dict(document)
    document.pop("_id", None)
    return document
