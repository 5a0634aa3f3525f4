"""The map's query parameters are checked before GIS is asked: bad ones name the field."""

import pytest

from gateway.domain.map_query import BoundingBox, InvalidParameter, parse_bbox, parse_zoom, search_text


def test_a_viewport_is_four_numbers_passed_on_in_the_same_order() -> None:
    bbox = parse_bbox("12.68,56.03,12.71,56.06")
    assert bbox == BoundingBox(12.68, 56.03, 12.71, 56.06)
    assert bbox.as_param() == "12.68,56.03,12.71,56.06"
    assert parse_bbox(" -180, -90 ,180,90 ").as_param() == "-180.0,-90.0,180.0,90.0"


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "12.68,56.03,12.71",
        "12.68,56.03,12.71,56.06,1",
        "a,b,c,d",
        "12.68,,12.71,56.06",
        "nan,56.03,12.71,56.06",
        "12.68,56.03,inf,56.06",
        "-181,56.03,12.71,56.06",
        "12.68,-91,12.71,56.06",
        "12.71,56.03,12.68,56.06",  # west of the east edge turned round
        "12.68,56.06,12.71,56.03",
    ],
)
def test_anything_else_is_a_bbox_error(raw: str | None) -> None:
    with pytest.raises(InvalidParameter) as refused:
        parse_bbox(raw)
    assert refused.value.field == "bbox"


@pytest.mark.parametrize(("raw", "zoom"), [("0", 0), ("13", 13), (" 22 ", 22)])
def test_a_zoom_is_a_whole_number_from_0_to_22(raw: str, zoom: int) -> None:
    assert parse_zoom(raw) == zoom


@pytest.mark.parametrize("raw", [None, "", "-1", "23", "13.5", "thirteen", "1e3"])
def test_any_other_zoom_is_refused(raw: str | None) -> None:
    with pytest.raises(InvalidParameter) as refused:
        parse_zoom(raw)
    assert refused.value.field == "zoom"


def test_the_search_text_is_trimmed_and_at_most_100_characters() -> None:
    assert search_text("  Solgatan   1 ") == "Solgatan 1"
    assert search_text("Ø" * 100) == "Ø" * 100
    for raw in (None, "", "   ", "x" * 101):
        with pytest.raises(InvalidParameter) as refused:
            search_text(raw)
        assert refused.value.field == "q"
