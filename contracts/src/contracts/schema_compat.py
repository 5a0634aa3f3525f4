"""Export payload JSON Schemas and tell a compatible change from a breaking one.

Within a version only optional fields may be added. Breaking: a removed field, a changed type, a field
that became required, a new required field, a narrowed enum.
"""

import json
from pathlib import Path
from typing import Any

from contracts.payload import all_payload_classes

Schema = dict[str, Any]


def export_schemas() -> dict[str, Schema]:
    """Every payload's JSON Schema by event type."""
    return {
        event_type: cls.model_json_schema(mode="serialization")
        for event_type, cls in all_payload_classes().items()
    }


def write_schemas(directory: Path) -> list[Path]:
    """Write one `<event_type>.json` per payload; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for event_type, schema in export_schemas().items():
        path = directory / f"{event_type}.json"
        path.write_text(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        written.append(path)
    return written


def read_schemas(directory: Path) -> dict[str, Schema]:
    """The committed schemas by event type."""
    return {
        path.name.removesuffix(".json"): json.loads(path.read_text()) for path in directory.glob("*.json")
    }


def breaking_changes(old: Schema, new: Schema, where: str = "") -> list[str]:
    """What in `new` breaks a consumer written against `old`; empty when compatible."""
    problems: list[str] = []
    old_props: dict[str, Schema] = old.get("properties", {})
    new_props: dict[str, Schema] = new.get("properties", {})
    old_required = set(old.get("required", []))
    new_required = set(new.get("required", []))
    for name, old_prop in old_props.items():
        path = f"{where}{name}"
        if name not in new_props:
            problems.append(f"{path}: removed")
            continue
        if _shape(old_prop, old) != _shape(new_props[name], new):
            problems.append(
                f"{path}: type changed from {_shape(old_prop, old)} to {_shape(new_props[name], new)}"
            )
        removed_values = set(_enum(old_prop, old)) - set(_enum(new_props[name], new))
        if _enum(old_prop, old) and removed_values:
            problems.append(f"{path}: enum values removed: {sorted(map(str, removed_values))}")
        if name not in old_required and name in new_required:
            problems.append(f"{path}: became required")
    problems.extend(f"{where}{name}: added as required" for name in sorted(new_required - set(old_props)))
    return problems


def compare_all(committed: dict[str, Schema], current: dict[str, Schema]) -> list[str]:
    """Breaking changes across all event types; a vanished event type is breaking too."""
    problems = []
    for event_type, old in sorted(committed.items()):
        if event_type not in current:
            problems.append(f"{event_type}: event type removed (publish it until consumers move)")
            continue
        problems.extend(f"{event_type}: {p}" for p in breaking_changes(old, current[event_type]))
    return problems


def _resolve(prop: Schema, root: Schema) -> Schema:
    ref = prop.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: Schema = root.get("$defs", {}).get(ref.removeprefix("#/$defs/"), {})
        return resolved
    return prop


def _shape(prop: Schema, root: Schema) -> str:
    """A comparable description of a property's type, ignoring titles, descriptions and examples."""
    prop = _resolve(prop, root)
    if "anyOf" in prop:
        return "|".join(sorted(_shape(p, root) for p in prop["anyOf"]))
    kind = prop.get("type", "any")
    if "enum" in prop or "const" in prop:
        return f"{kind}:enum"
    if kind == "array":
        return f"array[{_shape(prop.get('items', {}), root)}]"
    return f"{kind}:{prop['format']}" if "format" in prop else str(kind)


def _enum(prop: Schema, root: Schema) -> list[Any]:
    prop = _resolve(prop, root)
    if "const" in prop:
        return [prop["const"]]
    values: list[Any] = prop.get("enum", [])
    return values


def main() -> None:
    """`python -m contracts.schema_compat` rewrites the committed schemas after a reviewed change."""
    target = Path(__file__).resolve().parents[2] / "schemas"
    for path in write_schemas(target):
        print(path)  # noqa: T201


if __name__ == "__main__":
    main()
