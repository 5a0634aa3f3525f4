"""Setting a DSO up to take cases: its number prefix and the seed case types for its country."""

import uuid
from datetime import UTC, datetime, timedelta

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.approval_rules import ApprovalRule, Condition, Operator
from cases.domain.case_policy import CaseTypePolicy
from cases.domain.default_case_types import default_case_types
from cases.domain.records import DsoSettings

# The demo DSOs of identity's seed (identity.service_layer.dsos.DEMO_DSOS), as cases knows them.
# Sundkraft, whose area the demo map covers and whose installers the demo team are, has opted in to the
# project types, so projects can be tried with real demo addresses (kystnet has no area on the demo map).
DEMO_PROJECT_DSOS = frozenset({"sundkraft", "kystnet"})
DEMO_DSOS = (
    DsoSettings("sundkraft", "SK", "SE"),
    DsoSettings("kullabygden", "KE", "SE"),
    DsoSettings("kystnet", "KN", "DK"),
)


async def set_up_dso(
    uow: CasesUnitOfWork, settings: DsoSettings, now: datetime, *, project_types: bool | None = None
) -> None:
    """Insert or change the DSO's prefix; its case types are provisioned once (a DSO edits them after).
    `project_types`: whether it takes the project types too; by default Danish DSOs do (the Danish
    seed's), Swedish ones not. A DSO that opts in later gets them added, never twice."""
    takes_projects = settings.country == "DK" if project_types is None else project_types
    async with uow:
        await uow.dso_settings.put(settings)
        await uow.flush()
        provisioned = await uow.case_types.any_for(settings.dso_id)
        for order, schema in enumerate(default_case_types(settings.dso_id)):
            if schema.project_capable:
                if not takes_projects or await uow.case_types.get(settings.dso_id, schema.code):
                    continue
            elif provisioned:
                continue
            uow.case_types.add(schema, now + timedelta(microseconds=order))  # keeps the menu's order
        await uow.commit()


# What the demo DSOs decided about their types: targets, and small solar approved at once (ENA's
# "Connect & Notify" threshold, as Swedish DSOs apply it to micro-production up to 43.5 kW).
DEMO_TARGETS = {"fuse_change": 10, "new_connection": 15, "production_facility": 10}
DEMO_SOLAR_RULE = ApprovalRule(
    "Solceller upp till 43,5 kW",
    (
        Condition("production_type", Operator.EQUALS, ("solar",)),
        Condition("installed_power_kw", Operator.AT_MOST, ("43.5",)),
        Condition("ean", Operator.FILLED),
    ),
    uuid.UUID("6f1c0000-0000-4000-8000-00000000501a"),
)


async def seed_demo_dsos(uow: CasesUnitOfWork) -> None:
    """The demo DSOs with their targets and rules, safe to run on every start (a DSO's later change of
    a policy is kept)."""
    for settings in DEMO_DSOS:
        await set_up_dso(uow, settings, datetime.now(UTC), project_types=settings.dso_id in DEMO_PROJECT_DSOS)
        async with uow:
            existing = await uow.policies.of_dso(settings.dso_id)
            for code, target in DEMO_TARGETS.items():
                if code not in existing:
                    rules = (DEMO_SOLAR_RULE,) if code == "production_facility" else ()
                    await uow.policies.put(settings.dso_id, code, CaseTypePolicy(target, rules))
            await uow.commit()
