"""A MongoDB wire-protocol server for the test suite (`make test`, `make test-wire`): mongoeco's proxy over its
in-memory engine, so the suite runs the real pymongo network path, BSON encoding and connection handling without a
MongoDB server (none can be installed here). Needs Python 3.13 and `mongoeco` in an environment of its own
(scripts/wire_tests.sh makes it); the platform itself never imports this.

    python tools/wire_server.py --port 27018
"""
import argparse
import asyncio

from mongoeco.engines.memory import MemoryEngine
from mongoeco.wire import AsyncMongoEcoProxyServer


async def serve(host, port):
    async with AsyncMongoEcoProxyServer(engine=MemoryEngine(), host=host, port=port) as server:
        print("wire server listening on {}".format(server.address.uri), flush=True)
        await asyncio.Event().wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=27018)
    args = parser.parse_args()
    asyncio.run(serve(args.host, args.port))


if __name__ == "__main__":
    main()
