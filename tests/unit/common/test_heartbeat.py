"""Each process's own liveness (issue 24): with replicas a probe must ask the process, not the shared queue."""
from services.common.heartbeat import STALE_AFTER_BEATS, beat, heartbeat_path, is_fresh, replica_id


def test_a_process_that_beats_is_alive_and_one_that_stopped_beating_is_not(tmp_path):
    path = tmp_path / "camau-training.alive"
    beat(path)
    written = float(path.read_text().split()[0])
    assert is_fresh(path, interval=5, now=written + 5)[0]
    alive, why = is_fresh(path, interval=5, now=written + 5 * STALE_AFTER_BEATS + 1)
    assert not alive and "last heartbeat" in why


def test_no_heartbeat_file_is_not_alive(tmp_path):
    alive, why = is_fresh(tmp_path / "never-written.alive")
    assert not alive and "no heartbeat" in why


def test_the_file_is_per_identity_unless_configured_and_the_beat_names_the_replica(tmp_path):
    assert heartbeat_path("personnel").name == "camau-personnel.alive"
    assert heartbeat_path("personnel", {"HEARTBEAT_FILE": str(tmp_path / "x")}) == tmp_path / "x"
    beat(tmp_path / "x")
    assert (tmp_path / "x").read_text().split()[1] == replica_id()
