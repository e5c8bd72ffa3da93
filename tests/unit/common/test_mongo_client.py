"""A real MongoDB's client is durable by default and MONGO_URI has the last word (issue 24: no write or read
concern was set, so a commit acknowledged by a primary that then failed over could be rolled back after the
relay had published its events; a 3 s server selection was shorter than an election)."""
import pymongo

from services.common.mongo import client_options


def _client(uri):
    return pymongo.MongoClient(uri, connect=False, **client_options(uri))


def test_writes_wait_for_a_journaled_majority_and_reads_see_only_majority_committed_data():
    client = _client("mongodb://mongo-a,mongo-b,mongo-c/?replicaSet=rs0")
    assert (client.write_concern.document["w"], client.write_concern.document["j"]) == ("majority", True)
    assert client.read_concern.level == "majority"
    assert client.options.retry_writes and client.options.retry_reads


def test_a_primary_going_away_is_waited_out_for_longer_than_an_election_takes():
    assert _client("mongodb://mongo/").options.server_selection_timeout >= 30


def test_what_mongo_uri_sets_itself_is_kept():
    client = _client("mongodb://mongo/?w=1&readConcernLevel=local&serverSelectionTimeoutMS=5000")
    assert client.write_concern.document["w"] == 1 and client.read_concern.level == "local"
    assert client.options.server_selection_timeout == 5
