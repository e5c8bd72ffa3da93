"""The gateway's own storage: users, failed logins, API keys, the audit trail (the only gateway module
speaking pymongo)."""
import json
import re
from datetime import datetime, timezone

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from services.common.errors import Conflict, NotFound
from services.common.mongo import database_for

USERS, LOGIN_FAILURES, API_KEYS, AUDIT, RATE_BUCKETS = "users", "login_failures", "api_keys", "audit", "rate_buckets"


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
        self.db[LOGIN_FAILURES].create_index([("username", ASCENDING)], name="login_failure_user")
        self.db[LOGIN_FAILURES].create_index([("last_failure_at", ASCENDING)], name="login_failure_age")
        # A bucket nobody used for a while is full again: MongoDB drops it (the embedded store: prune_buckets).
        self.db[RATE_BUCKETS].create_index([("expires_at", ASCENDING)], expireAfterSeconds=0, name="bucket_expiry")

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

    def update_user(self, username, changes, revoke_tokens=False):
        """`revoke_tokens`: every token issued before this change stops working (a new token generation)."""
        update = {"$set": changes}
        if revoke_tokens:
            update["$inc"] = {"token_generation": 1}
        if not self.db[USERS].update_one({"_id": username}, update).matched_count:
            raise NotFound("user {} not found".format(username))

    # --- failed logins, per (username, client address); see gateway.lockout -----------------------
    def find_login_failures(self, username, client):
        return _plain(self.db[LOGIN_FAILURES].find_one({"_id": _login_key(username, client)}))

    def count_login_failure(self, username, client, now, forget_before):
        """Count one failure atomically and return the count; failures (and a lock) whose last failure is
        older than `forget_before` are forgotten first, as are other clients' stale records."""
        self.db[LOGIN_FAILURES].delete_many({"last_failure_at": {"$lte": forget_before}})
        document = self.db[LOGIN_FAILURES].find_one_and_update(
            {"_id": _login_key(username, client)},
            {"$inc": {"failures": 1}, "$set": {"username": username, "client": client, "last_failure_at": now}},
            upsert=True, return_document=ReturnDocument.AFTER)
        return document["failures"]

    def lock_login(self, username, client, until):
        self.db[LOGIN_FAILURES].update_one({"_id": _login_key(username, client)}, {"$set": {"locked_until": until}})

    def forget_login_failures(self, username, client=None):
        if client is None:
            self.db[LOGIN_FAILURES].delete_many({"username": username})
        else:
            self.db[LOGIN_FAILURES].delete_one({"_id": _login_key(username, client)})

    # --- rate limits, shared by every gateway replica; see gateway.ratelimit ------------------------
    def find_bucket(self, key):
        return self.db[RATE_BUCKETS].find_one({"_id": key})

    def swap_bucket(self, key, seen, tokens, last, expires_at):
        """Store a bucket's new state only if it is still `seen` (None: absent); False when another request, on
        this replica or another, changed it first."""
        state = {"tokens": tokens, "last": last, "expires_at": expires_at}
        if seen is None:
            try:
                self.db[RATE_BUCKETS].insert_one(dict(state, _id=key))
                return True
            except DuplicateKeyError:
                return False
        return self.db[RATE_BUCKETS].update_one({"_id": key, "tokens": seen["tokens"], "last": seen["last"]},
                                                {"$set": state}).matched_count == 1

    def prune_buckets(self, now):
        return self.db[RATE_BUCKETS].delete_many({"expires_at": {"$lt": now}}).deleted_count

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


def _login_key(username, client):
    return json.dumps([username, client])


def _plain(document):
    if document is None:
        return None
    document = dict(document)
    document.pop("_id", None)
    return document
