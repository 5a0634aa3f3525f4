"""Which map layers a signed-in user may see ("behörighetsstyrt"): grid areas and addresses are open to
everyone signed in; properties and facilities to the roles their DSO allows, and only within that DSO."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from gis.domain.features import Layer

OPEN_LAYERS = frozenset({Layer.GRID_AREAS, Layer.ADDRESSES})
GUARDED_LAYERS = frozenset({Layer.PROPERTIES, Layer.FACILITIES})
ROLES = frozenset({"installer", "team_admin", "dso_handler", "dso_admin"})
DSO_STAFF = frozenset({"dso_handler", "dso_admin"})


class UnknownLayer(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"no layer {name!r}; the layers are {', '.join(sorted(Layer))}")


def layer_named(name: str) -> Layer:
    try:
        return Layer(name)
    except ValueError:
        raise UnknownLayer(name) from None


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in user as the access token says: role and the DSO they belong to (a team's DSO)."""

    role: str
    dso_id: str


@dataclass(frozen=True, slots=True)
class LayerAccessPolicy:
    """Per DSO: the roles allowed to see each guarded layer. A DSO's own staff always see its layers."""

    allowed_roles: Mapping[str, Mapping[Layer, frozenset[str]]] = field(default_factory=dict)

    def may_see(self, viewer: Viewer, layer: Layer, dso_id: str | None = None) -> bool:
        """`dso_id`: whose data is asked for (the viewer's own DSO when not given)."""
        if layer in OPEN_LAYERS:
            return True
        owner = dso_id or viewer.dso_id
        if owner != viewer.dso_id:
            return False  # another DSO's properties and facilities are never shown
        if viewer.role in DSO_STAFF:
            return True
        return viewer.role in self.allowed_roles.get(owner, {}).get(layer, frozenset())

    def visible_layers(self, viewer: Viewer) -> list[Layer]:
        return [layer for layer in Layer if self.may_see(viewer, layer)]
