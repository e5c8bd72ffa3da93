"""An agency's subscriber over AMQP: copy it and replace the callback (docs/agencies.md).

The platform gives a registered agency a broker account that may only read its own queue `agency.<name>`,
bound by the platform to the event types the agency is granted. Each message is one CloudEvent 1.0 in the
AMQP binding's structured mode (`content-type: application/cloudevents+json`, the AMQP `type` property is the
CloudEvents type). Events arrive at least once: this subscriber remembers the ids it handled and skips a
repeat, and acknowledges a message only after the callback returned, so nothing is lost while it is down.

    python examples/amqp_subscriber.py --url amqps://agency-NAME:PASSWORD@HOST:5671/%2F --queue agency.NAME

Only `kombu` is needed (`pip install kombu`).
"""
import argparse
import json
import sys
from collections import OrderedDict

from kombu import Connection, Queue

REMEMBERED_IDS = 100_000


def print_event(event):
    print("{} {} subject={} id={}".format(event.get("time"), event["type"], event.get("subject"), event["id"]),
          flush=True)


class Subscriber:
    def __init__(self, url, queue, on_event=print_event):
        self.url, self.queue, self.on_event = url, queue, on_event
        self.seen = OrderedDict()
        self.handled = 0

    def run(self, limit=None, idle_timeout=None):
        """Consume until `limit` events were handled or nothing came for `idle_timeout` seconds (None: forever).
        Returns the number of events handled."""
        with Connection(self.url, connect_timeout=10) as connection:
            # The queue exists and is bound by the platform: never declare it (the account may not).
            with connection.SimpleQueue(Queue(self.queue, no_declare=True)) as simple:
                while limit is None or self.handled < limit:
                    try:
                        message = simple.get(timeout=idle_timeout)
                    except simple.Empty:
                        return self.handled
                    self._handle(message)
        return self.handled

    def _handle(self, message):
        # The body is JSON whatever the content type says (structured mode: the whole event).
        body = message.body if isinstance(message.body, (bytes, str)) else json.dumps(message.payload)
        event = json.loads(body)
        if event["id"] not in self.seen:
            self.on_event(event)
            self.seen[event["id"]] = True
            if len(self.seen) > REMEMBERED_IDS:
                self.seen.popitem(last=False)
            self.handled += 1
        message.ack()            # after the callback: a crash before this means the event comes again


def main(argv=None):
    parser = argparse.ArgumentParser(description="print the events of an agency's queue")
    parser.add_argument("--url", required=True, help="amqps://USER:PASSWORD@HOST:5671/VHOST")
    parser.add_argument("--queue", required=True, help="agency.<name>")
    args = parser.parse_args(argv)
    Subscriber(args.url, args.queue).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
