// The one-shot `mongo-init` of docker-compose.ha.yml (mongosh, connected directly to the first member):
// makes the three members the replica set rs0 once, then waits until it has a primary. Idempotent: on a
// replica set that exists it only waits, so every `docker compose up` may run it again.
//
// The member list and the set's name must match the members' `--replSet rs0` and the services' MONGO_URI
// (tests/unit/test_deploy_manifests.py checks all three).
const REPLICA_SET = "rs0";
const MEMBERS = [
  { _id: 0, host: "mongo:27017" },
  { _id: 1, host: "mongo-2:27017" },
  { _id: 2, host: "mongo-3:27017" },
];
const PRIMARY_TIMEOUT_MS = 120000;

function initiated() {
  try {
    rs.status();
    return true;
  } catch (error) {
    if (error.codeName === "NotYetInitialized") {
      return false;
    }
    throw error;
  }
}

if (initiated()) {
  print(`replica set ${REPLICA_SET} already initiated`);
} else {
  try {
    rs.initiate({ _id: REPLICA_SET, members: MEMBERS });
    print(`replica set ${REPLICA_SET} initiated with ${MEMBERS.map((member) => member.host).join(", ")}`);
  } catch (error) {
    // Another run initiated it meanwhile.
    if (error.codeName !== "AlreadyInitialized") {
      throw error;
    }
  }
}

const deadline = Date.now() + PRIMARY_TIMEOUT_MS;
let primary = db.hello().primary;
while (!primary) {
  if (Date.now() > deadline) {
    print(`no primary in replica set ${REPLICA_SET} after ${PRIMARY_TIMEOUT_MS / 1000} s`);
    quit(1);
  }
  sleep(1000);
  primary = db.hello().primary;
}
print(`replica set ${REPLICA_SET} has its primary: ${primary}`);
