"""A process that writes events through the outbox as fast as it can, with its relay running, until it
is killed. Every third transaction emits and then rolls back. Prints each outcome, flushed, so the test
knows what was committed when it pulls the plug. Run: `python outbox_worker.py <database_url> <bootstrap>`."""

import asyncio
import sys
import uuid

from sample_events import SampleSubmission  # run as a script: its folder is on sys.path

from servicekit.db.engine import make_engine, make_session_factory
from servicekit.db.uow import UnitOfWork
from servicekit.messaging.publisher import KafkaRecordPublisher
from servicekit.messaging.relay import OutboxRelay


async def main(database_url: str, bootstrap: str) -> None:
    engine = make_engine(database_url, pool_size=2)
    publisher = KafkaRecordPublisher(bootstrap, client_id="outbox-worker", idempotent=False)
    await publisher.start()
    # A small batch makes the relay lag behind the writer, so the kill lands between commit and publish.
    relay = OutboxRelay(engine, publisher, name="outbox-worker", batch_size=5, poll_interval=0.05)
    relay_task = asyncio.create_task(relay.run())
    factory = make_session_factory(engine)
    for number in range(1_000_000):
        async with UnitOfWork(factory, source="outbox-worker") as uow:
            envelope = uow.emit(_payload(number), key=f"key-{number % 7}", tenant="sundkraft")
            if number % 3 == 2:
                await uow.rollback()
                print("rolledback", envelope.event_id, flush=True)
                continue
            await uow.commit()
            print("committed", envelope.event_id, flush=True)
    relay_task.cancel()


def _payload(number: int) -> SampleSubmission:
    return SampleSubmission(
        application_id=uuid.uuid4(),
        dso_id="sundkraft",
        dso_name="Sundkraft Elnät AB",
        company_name=f"Company {number}",
        organisation_number="5560360793",
        contact_name="Outbox Worker",
        contact_email="worker@example.com",
        language="sv",
    )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
