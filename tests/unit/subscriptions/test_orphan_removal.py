"""The reconciler's orphan removal (AgencyBroker.remove_orphans) against a registration made meanwhile on
another replica: a registration writes its record, then makes the broker user, so the records are read
after the broker's users are listed, and an agency registered in between keeps its fresh user and queue."""
from services.subscriptions.broker import AgencyBroker


class Management:
    """The management API's users and queues; `on_listing` runs when the users are listed."""

    def __init__(self, users, queues, on_listing=lambda: None):
        self.users, self.queues, self.on_listing, self.deleted = users, queues, on_listing, []

    def get(self, kind, *path):
        if kind == "users":
            listed = [{"name": name} for name in self.users]
            self.on_listing()
            return listed
        return [{"name": name} for name in self.queues]

    def delete(self, kind, *path):
        self.deleted.append((kind, path[-1]))


def test_an_agency_registered_while_the_reconciler_runs_keeps_its_user_and_queue():
    records = {"sotuphap"}

    def another_replica_registers():     # its record is written before its user (register_agency)
        records.add("sonoivu")
    management = Management(["agency-sotuphap", "agency-sonoivu", "camau-personnel"],
                            ["agency.sotuphap", "agency.sonoivu"], another_replica_registers)
    AgencyBroker(management, "/").remove_orphans(lambda: set(records))
    assert management.deleted == []


def test_a_user_and_queue_without_a_record_are_removed():
    management = Management(["agency-sotuphap", "agency-crashed", "camau-personnel"], ["agency.crashed"])
    AgencyBroker(management, "/").remove_orphans(lambda: {"sotuphap"})
    assert management.deleted == [("users", "agency-crashed"), ("queues", "agency.crashed")]
