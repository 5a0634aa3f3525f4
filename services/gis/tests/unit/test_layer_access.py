"""Who sees which map layer: open layers for everyone signed in, guarded ones per DSO and role."""

import pytest

from gis.domain.features import Layer
from gis.domain.layer_access import LayerAccessPolicy, UnknownLayer, Viewer, layer_named

POLICY = LayerAccessPolicy(
    {
        "sundkraft": {
            Layer.PROPERTIES: frozenset({"installer", "team_admin"}),
            Layer.FACILITIES: frozenset(),
        },
        "kullabygden": {Layer.FACILITIES: frozenset({"team_admin"})},
    }
)


@pytest.mark.parametrize("role", ["installer", "team_admin", "dso_handler", "dso_admin"])
def test_grid_areas_and_addresses_are_open_to_everyone_signed_in(role: str) -> None:
    viewer = Viewer(role, "sundkraft")
    assert POLICY.may_see(viewer, Layer.GRID_AREAS)
    assert POLICY.may_see(viewer, Layer.ADDRESSES)
    assert POLICY.may_see(viewer, Layer.GRID_AREAS, "kullabygden")


def test_guarded_layers_follow_the_dsos_choice_of_roles() -> None:
    installer = Viewer("installer", "sundkraft")
    assert POLICY.may_see(installer, Layer.PROPERTIES)
    assert not POLICY.may_see(installer, Layer.FACILITIES)
    assert POLICY.visible_layers(installer) == [Layer.GRID_AREAS, Layer.PROPERTIES, Layer.ADDRESSES]
    assert POLICY.may_see(Viewer("team_admin", "kullabygden"), Layer.FACILITIES)
    assert not POLICY.may_see(Viewer("installer", "kullabygden"), Layer.FACILITIES)
    assert not POLICY.may_see(Viewer("installer", "kystnet"), Layer.PROPERTIES)  # nothing configured


def test_dso_staff_see_their_own_dsos_layers_and_no_one_sees_another_dsos() -> None:
    handler = Viewer("dso_handler", "kullabygden")
    assert POLICY.may_see(handler, Layer.FACILITIES)
    assert not POLICY.may_see(handler, Layer.FACILITIES, "sundkraft")
    assert not POLICY.may_see(Viewer("team_admin", "sundkraft"), Layer.PROPERTIES, "kullabygden")


def test_an_unknown_layer_is_named_in_the_error() -> None:
    with pytest.raises(UnknownLayer, match="'roads'"):
        layer_named("roads")
    assert layer_named("facilities") is Layer.FACILITIES
