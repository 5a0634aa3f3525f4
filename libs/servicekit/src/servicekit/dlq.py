"""Dead letters back to work: `python -m servicekit.dlq list|replay <topic> [--consumer NAME]`.

A consumer parks a record it could not handle on `<topic>.dlq`: the unchanged key and value, its headers,
and `dlq-*` headers saying which consumer gave up, after how many attempts, with what error, and where
the record was (messaging/broker.py, KafkaDeadLetterSink). Once the cause is fixed, `replay` publishes
those records again to the topic they came from, with their original key (so per-key order holds among
what is replayed), value and headers (trace context included); `dlq-replayed-from` says from where.

Safe to repeat: every consumer is idempotent (its inbox records each event id in the handler's
transaction), so the groups that handled an event the first time ignore the copy, and only the consumer
that failed does the work. What was replayed is remembered by committing offsets in a consumer group of
the tool's own (`servicekit-dlq-replay.<dlq topic>[.<consumer>]`), so a second run replays only what was
dead-lettered since; `--from-beginning` replays everything the DLQ still holds (its retention: 28 days)."""

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.structs import OffsetAndMetadata

DLQ_SUFFIX = ".dlq"
STALL_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class DeadLetter:
    partition: int
    offset: int
    key: bytes | None
    consumer: str
    original_topic: str
    attempts: str
    error: str


@dataclass
class ReplayReport:
    dlq_topic: str
    replayed: list[DeadLetter] = field(default_factory=list)
    skipped: int = 0  # parked by another consumer than the one asked for


def _headers(record: ConsumerRecord[bytes, bytes]) -> dict[str, str]:
    return {name: value.decode(errors="replace") for name, value in record.headers or ()}


def _dead_letter(record: ConsumerRecord[bytes, bytes], topic: str) -> DeadLetter:
    headers = _headers(record)
    return DeadLetter(
        partition=record.partition,
        offset=record.offset,
        key=record.key,
        consumer=headers.get("dlq-consumer", ""),
        original_topic=headers.get("dlq-original-topic", topic),
        attempts=headers.get("dlq-attempts", ""),
        error=headers.get("dlq-error", ""),
    )


def replay_group(dlq_topic: str, consumer: str | None) -> str:
    return f"servicekit-dlq-replay.{dlq_topic}" + (f".{consumer}" if consumer else "")


async def replay(
    bootstrap: str,
    topic: str,
    *,
    consumer: str | None = None,
    dry_run: bool = False,
    from_beginning: bool = False,
) -> ReplayReport:
    """Republish `<topic>.dlq`'s records (those `consumer` parked, or all) to their original topic, up to
    the DLQ's end as it was at the start; with `dry_run`, only say what would be."""
    topic = topic.removesuffix(DLQ_SUFFIX)
    dlq_topic = topic + DLQ_SUFFIX
    report = ReplayReport(dlq_topic)
    reader = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=replay_group(dlq_topic, consumer),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        client_id="servicekit-dlq",
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", client_id="servicekit-dlq", linger_ms=0
    )
    await reader.start()
    await producer.start()
    try:
        partitions = [TopicPartition(dlq_topic, p) for p in sorted(await _partitions(reader, dlq_topic))]
        reader.assign(partitions)  # not a group member: no rebalance wait, offsets still committed
        if from_beginning:
            await reader.seek_to_beginning(*partitions)
        end = await reader.end_offsets(partitions)
        last_progress = asyncio.get_running_loop().time()
        while [tp for tp in partitions if await reader.position(tp) < end[tp]]:
            batch = await reader.getmany(*partitions, timeout_ms=1000, max_records=500)
            sends = []
            done: dict[TopicPartition, OffsetAndMetadata] = {}
            for tp, records in batch.items():
                for record in records:
                    if record.offset >= end[tp]:
                        continue  # dead-lettered after we started: the next run's
                    letter = _dead_letter(record, topic)
                    done[tp] = OffsetAndMetadata(record.offset + 1, "")
                    if consumer and letter.consumer != consumer:
                        report.skipped += 1
                        continue
                    report.replayed.append(letter)
                    if not dry_run:
                        sends.append(
                            await producer.send(letter.original_topic, **_original(record, dlq_topic))
                        )
            await asyncio.gather(*sends)  # acknowledged before the offsets move past them
            if done and not dry_run:
                await reader.commit(done)
            now = asyncio.get_running_loop().time()
            if batch:
                last_progress = now
            elif now - last_progress > STALL_SECONDS:
                raise TimeoutError(
                    f"{dlq_topic}: no records for {STALL_SECONDS:.0f} s before its end offsets"
                )
    finally:
        await producer.stop()
        await reader.stop()
    return report


def _original(record: ConsumerRecord[bytes, bytes], dlq_topic: str) -> dict[str, object]:
    headers = [(name, value) for name, value in record.headers or () if not name.startswith("dlq-")]
    headers.append(("dlq-replayed-from", f"{dlq_topic}:{record.partition}:{record.offset}".encode()))
    return {"key": record.key, "value": record.value, "headers": headers}


async def _partitions(reader: AIOKafkaConsumer, topic: str) -> set[int]:
    for _ in range(50):
        if found := reader.partitions_for_topic(topic):
            return set(found)
        await reader._client.force_metadata_update()
        await asyncio.sleep(0.1)
    raise LookupError(f"topic {topic} does not exist")


def default_bootstrap(environ: dict[str, str] | None = None) -> str | None:
    """KAFKA_BOOTSTRAP, else the one `<SERVICE>_KAFKA_BOOTSTRAP` of the pod this runs in."""
    environ = dict(os.environ) if environ is None else environ
    if "KAFKA_BOOTSTRAP" in environ:
        return environ["KAFKA_BOOTSTRAP"]
    found = {value for name, value in environ.items() if name.endswith("_KAFKA_BOOTSTRAP")}
    return found.pop() if len(found) == 1 else None


def main(argv: Sequence[str] | None = None, out: Callable[[str], object] = print) -> int:
    parser = argparse.ArgumentParser(prog="python -m servicekit.dlq", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["list", "replay"], help="list: what replay would republish")
    parser.add_argument("topic", help="the original topic (e.g. cases.cases) or its DLQ (cases.cases.dlq)")
    parser.add_argument("--consumer", help="only what this consumer parked (its name, e.g. case-mail)")
    parser.add_argument("--bootstrap", default=default_bootstrap(), help="host:port (default: from env)")
    parser.add_argument("--from-beginning", action="store_true", help="also what earlier runs replayed")
    args = parser.parse_args(argv)
    if not args.bootstrap:
        parser.error(
            "--bootstrap is needed (or KAFKA_BOOTSTRAP / <SERVICE>_KAFKA_BOOTSTRAP in the environment)"
        )
    report = asyncio.run(
        replay(
            args.bootstrap,
            args.topic,
            consumer=args.consumer,
            dry_run=args.command == "list",
            from_beginning=args.from_beginning,
        )
    )
    for letter in report.replayed:
        key = letter.key.decode(errors="replace") if letter.key else "-"
        out(
            f"{report.dlq_topic}:{letter.partition}:{letter.offset} key={key} consumer={letter.consumer} "
            f"attempts={letter.attempts} -> {letter.original_topic}: {letter.error[:200]}"
        )
    verb = "would replay" if args.command == "list" else "replayed"
    out(f"{verb} {len(report.replayed)}, skipped {report.skipped} of other consumers ({report.dlq_topic})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
