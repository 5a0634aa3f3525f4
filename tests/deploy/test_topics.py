"""The Kafka topics in the manifests are the contracts' registry: generated, never edited, and complete
in both directions, each with its dead-letter topic."""

import pytest

from contracts import ALL_TOPICS
from deploy import topics

from .manifests import OVERLAYS, of_kind


def test_the_committed_topics_file_is_what_the_generator_writes() -> None:
    assert topics.OUTPUT.read_text() == topics.render(), "stale: run `make topics` and commit the file"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_registered_topic_and_its_dlq_is_a_kafka_topic_and_nothing_else(overlay: str) -> None:
    rendered = {item["spec"]["topicName"]: item for item in of_kind(overlay, "KafkaTopic")}
    wanted = {topic.name: topic.partitions for topic in ALL_TOPICS} | {
        topic.dlq: topics.DLQ_PARTITIONS for topic in ALL_TOPICS
    }
    assert set(rendered) == set(wanted)
    for name, partitions in wanted.items():
        spec = rendered[name]["spec"]
        assert spec["partitions"] == partitions, name
        assert int(spec["config"]["retention.ms"]) > 0
        assert rendered[name]["metadata"]["labels"]["strimzi.io/cluster"] == topics.KAFKA_CLUSTER


@pytest.mark.parametrize(("overlay", "replicas"), [("dev", 1), ("prod", 3)])
def test_replication_fits_the_environment(overlay: str, replicas: int) -> None:
    for item in of_kind(overlay, "KafkaTopic"):
        spec = item["spec"]
        assert spec["replicas"] == replicas
        # acks=all must still succeed with one broker down (and at all with one replica).
        assert 1 <= int(spec["config"]["min.insync.replicas"]) <= max(1, replicas - 1)


def test_services_leave_topics_to_the_topic_operator() -> None:
    """KAFKA_CREATE_TOPICS=false: otherwise a service would create them with one replica first."""
    for overlay in OVERLAYS:
        for configmap in of_kind(overlay, "ConfigMap"):
            for key, value in configmap.get("data", {}).items():
                if key.endswith("_KAFKA_CREATE_TOPICS"):
                    assert value == "false", f"{overlay}: {key}"
