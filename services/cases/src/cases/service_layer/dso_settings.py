"""Setting a DSO up to take cases: its number prefix and the seed case types for its country."""

from datetime import UTC, datetime, timedelta

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.default_case_types import default_case_types
from cases.domain.records import DsoSettings

# The demo DSOs of identity's seed (identity.service_layer.dsos.DEMO_DSOS), as cases knows them.
DEMO_DSOS = (
    DsoSettings("sundkraft", "SK", "SE"),
    DsoSettings("kullabygden", "KE", "SE"),
    DsoSettings("kystnet", "KN", "DK"),
)


async def set_up_dso(uow: CasesUnitOfWork, settings: DsoSettings, now: datetime) -> None:
    """Insert or change the DSO's prefix; its case types are provisioned once (a DSO edits them after)."""
    async with uow:
        await uow.dso_settings.put(settings)
        await uow.flush()
        if not await uow.case_types.any_for(settings.dso_id):
            for order, schema in enumerate(default_case_types(settings.dso_id)):
                # Danish DSOs also take the project types of the Danish seed; Swedish ones do not.
                if schema.project_capable and settings.country != "DK":
                    continue
                uow.case_types.add(schema, now + timedelta(microseconds=order))  # keeps the menu's order
        await uow.commit()


async def seed_demo_dsos(uow: CasesUnitOfWork) -> None:
    """The demo DSOs, safe to run on every start."""
    for settings in DEMO_DSOS:
        await set_up_dso(uow, settings, datetime.now(UTC))
