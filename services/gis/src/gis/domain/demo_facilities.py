"""The demo network's facilities (metering points): at most one per address, a few metres from it."""

from typing import cast

import numpy as np
import shapely
from numpy.typing import NDArray

from gis.domain.demo_areas import AreaPlan
from gis.domain.ean import SWEDISH_PREFIX, check_digits
from gis.domain.features import Address, Facility

FUSES = (16, 20, 25, 35, 50, 63)
FUSE_WEIGHTS = (0.45, 0.25, 0.15, 0.08, 0.05, 0.02)
SHIFT_DEGREES = (0.000012, 0.000006)  # under a metre: the facility stays inside the address's property


def demo_facilities(
    addresses: list[Address],
    owners: list[str],
    address_plans: list[AreaPlan],
    count: int,
    rng: np.random.Generator,
) -> list[Facility]:
    """`owners` and `address_plans` are the owner and grid area of each address's property."""
    chosen = np.sort(rng.choice(len(addresses), count, replace=False)).tolist()
    origins = shapely.get_coordinates([addresses[index].point for index in chosen])
    points = cast(
        "NDArray[np.object_]", shapely.points(origins + rng.uniform(-1, 1, (count, 2)) * SHIFT_DEGREES)
    )
    eans = _eans(rng.choice(10**11, count, replace=False))
    meters = (rng.choice(90_000_000, count, replace=False) + 10_000_000).tolist()
    fuses = rng.choice(FUSES, count, p=FUSE_WEIGHTS).tolist()
    result = []
    for index, address_index in enumerate(chosen):
        address, plan = addresses[address_index], address_plans[address_index]
        result.append(
            Facility(
                id=f"F{index + 1:06d}",
                ean=eans[index],
                meter_number=str(meters[index]),
                technical_number=f"{plan.id}-{index + 1:06d}",
                main_fuse_amperes=fuses[index],
                street=address.street,
                house_number=address.number,
                postcode=address.postcode,
                town=address.town,
                point=points[index],
                owner_name=owners[address_index],
                dso_id=plan.dso_id,
            )
        )
    return result


def _eans(serials: NDArray[np.int64]) -> list[str]:
    bodies = [f"{SWEDISH_PREFIX}{serial:011d}" for serial in serials.tolist()]
    return [body + str(digit) for body, digit in zip(bodies, check_digits(bodies).tolist(), strict=True)]
