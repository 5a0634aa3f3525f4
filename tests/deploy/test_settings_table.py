"""docs/operations.md's table of environment variables is the one `python -m deploy.settings_table`
generates from the Settings classes and deploy/base: a new setting, a changed default or description,
or a manifest that sets a variable differently shows up here until the docs are regenerated."""

from deploy.settings_table import BEGIN, DOCS, END, SERVICES, description, main, rewritten, settings_class


def test_the_committed_table_is_the_generated_one() -> None:
    committed = DOCS.read_text()
    assert committed == rewritten(committed), "stale: run `uv run python -m deploy.settings_table`"
    assert main(["--check"]) == 0


def test_the_table_names_every_variable_of_every_service() -> None:
    section = DOCS.read_text().split(BEGIN)[1].split(END)[0]
    for service in SERVICES:
        cls = settings_class(service)
        prefix = str(cls.model_config.get("env_prefix", ""))
        for name in cls.model_fields:
            assert f"| `{prefix}{name}`".upper() in section.upper(), name


def test_every_variable_says_what_it_is() -> None:
    """An operator reads the table to configure a service: a variable without a description is a guess."""
    undescribed = [
        f"{settings_class(service).model_config.get('env_prefix', '')}{name}".upper()
        for service in SERVICES
        for name, field in settings_class(service).model_fields.items()
        if not description(settings_class(service), name, field).strip()
    ]
    assert undescribed == []
