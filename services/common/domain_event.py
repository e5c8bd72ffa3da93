"""What a domain decision announces; the store turns it into a CloudEvents envelope in its outbox."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DomainEvent:
    type: str          # routing key, past tense snake_case: "training_completed"
    subject: str       # id of the thing the event is about
    data: dict = field(default_factory=dict)
