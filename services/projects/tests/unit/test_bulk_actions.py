"""The bulk action menu offers only what every selected case allows, per side (seed 004)."""

from projects.domain.bulk_actions import BulkAction, common_actions

A = BulkAction


def test_an_installer_gets_ready_for_meter_only_when_every_case_is_being_worked_on() -> None:
    assert common_actions(["in_progress", "completion_notice_received"], "installer") == (
        A.READY_FOR_METER,
        A.CHANGE_INSTALLER,
    )
    # One newly sent case among them: ready for meter is not common, cancel is not either.
    assert common_actions(["in_progress", "submitted"], "installer") == (A.CHANGE_INSTALLER,)
    assert common_actions(["submitted"], "team_admin") == (A.CANCEL, A.CHANGE_INSTALLER)


def test_a_dso_archives_only_finished_cases_and_rejects_only_open_ones() -> None:
    assert common_actions(["closed", "cancelled"], "dso_handler") == (A.ARCHIVE,)
    assert common_actions(["planning", "in_progress"], "dso_admin") == (A.CANCEL, A.REJECT, A.CHANGE_HANDLER)
    assert common_actions(["planning", "closed"], "dso_handler") == ()


def test_nothing_is_offered_for_an_empty_selection_or_archived_cases() -> None:
    assert common_actions([], "installer") == ()
    assert common_actions(["archived"], "dso_handler") == ()
    assert common_actions(["archived"], "installer") == ()
    assert A.REJECT.needs_reason and not A.CANCEL.needs_reason
