"""A DSO admin's settings of the DSO's case types: which it accepts, each form (as new versions), the
service-level target and the automatic approval rules."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.approval_rules import ApprovalRule, InvalidRule, check_rules
from cases.domain.case_policy import CaseTypePolicy
from cases.domain.case_types import CaseTypeSchema
from cases.domain.default_case_types import built_in_fields
from cases.domain.form_versions import FieldChange, InvalidForm, next_version
from cases.domain.roles import ActorRole
from cases.service_layer.access import Actor, NotAllowed


class CaseTypeNotFound(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class CaseTypeSetting:
    schema: CaseTypeSchema  # the newest version
    accepted: bool
    policy: CaseTypePolicy


async def case_type_settings(uow: CasesUnitOfWork, actor: Actor) -> list[CaseTypeSetting]:
    dso_id = _require_dso_admin(actor)
    async with uow:
        policies = await uow.policies.of_dso(dso_id)
        return [
            CaseTypeSetting(schema, accepted, policies.get(schema.code, CaseTypePolicy()))
            for schema, accepted in await uow.case_types.newest_of_every_type(dso_id)
        ]


async def case_type_setting(uow: CasesUnitOfWork, actor: Actor, code: str) -> CaseTypeSetting:
    for setting in await case_type_settings(uow, actor):
        if setting.schema.code == code:
            return setting
    raise CaseTypeNotFound(code)


async def set_accepted(uow: CasesUnitOfWork, actor: Actor, code: str, accepted: bool) -> None:
    dso_id = _require_dso_admin(actor)
    async with uow:
        await _newest(uow, dso_id, code)
        await uow.case_types.set_accepted(dso_id, code, accepted)
        await uow.commit()


async def set_target(uow: CasesUnitOfWork, actor: Actor, code: str, target_days: int | None) -> None:
    """Applies to cases sent from now on; a sent case keeps the target it was sent under."""
    dso_id = _require_dso_admin(actor)
    async with uow:
        await _newest(uow, dso_id, code)
        policy = await uow.policies.get(dso_id, code)
        await uow.policies.put(dso_id, code, replace(policy, target_working_days=target_days))
        await uow.commit()


async def set_approval_rules(
    uow: CasesUnitOfWork, actor: Actor, code: str, rules: Sequence[ApprovalRule]
) -> None:
    """InvalidRule names the first part of a rule the type's current form cannot satisfy."""
    dso_id = _require_dso_admin(actor)
    async with uow:
        schema, _ = await _newest(uow, dso_id, code)
        check_rules(rules, schema)
        policy = await uow.policies.get(dso_id, code)
        await uow.policies.put(dso_id, code, replace(policy, approval_rules=tuple(rules)))
        await uow.commit()


async def change_form(
    uow: CasesUnitOfWork, actor: Actor, code: str, changes: Sequence[FieldChange], now: datetime
) -> CaseTypeSchema:
    """The type's next version; existing cases keep theirs. A field an approval rule uses stays."""
    dso_id = _require_dso_admin(actor)
    async with uow:
        current, accepted = await _newest(uow, dso_id, code)
        changed = next_version(current, built_in_fields(code), changes)
        policy = await uow.policies.get(dso_id, code)
        try:
            check_rules(policy.approval_rules, changed)
        except InvalidRule as broken:
            raise InvalidForm(
                "fields", f"an approval rule needs what this change removes ({broken})"
            ) from None
        uow.case_types.add_version(changed, accepted, now)
        await uow.commit()
        return changed


async def _newest(uow: CasesUnitOfWork, dso_id: str, code: str) -> tuple[CaseTypeSchema, bool]:
    for schema, accepted in await uow.case_types.newest_of_every_type(dso_id):
        if schema.code == code:
            return schema, accepted
    raise CaseTypeNotFound(code)


def _require_dso_admin(actor: Actor) -> str:
    if actor.role != ActorRole.DSO_ADMIN or actor.dso_id is None:
        raise NotAllowed("only the grid company's administrators change its case types")
    return actor.dso_id
