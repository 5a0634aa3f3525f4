"""What the Excel template says to its user, in the portal's three languages."""

from dataclasses import dataclass
from typing import Literal

Language = Literal["sv", "da", "en"]


@dataclass(frozen=True, slots=True)
class ExcelTexts:
    addresses_sheet: str
    instructions_sheet: str
    rules: tuple[str, ...]  # may hold {max_rows}
    table_heading: tuple[str, str, str, str]  # column, mandatory, type, allowed values
    yes: str
    no: str
    kinds: dict[str, str]
    one_of: str  # {choices}
    at_least: str  # {minimum}
    at_most: str  # {maximum}
    max_length: str  # {max_length}
    exact_length: str  # {length}
    invalid_title: str


TEXTS: dict[Language, ExcelTexts] = {
    "sv": ExcelTexts(
        addresses_sheet="Adresser",
        instructions_sheet="Instruktioner",
        rules=(
            'Fyll i en adress per rad på bladet "Adresser", under rubrikraden. Tomma rader hoppas över.',
            "Kolumner markerade med * är obligatoriska.",
            "Skriv datum som YYYY-MM-DD (år-månad-dag), t.ex. 2025-03-01.",
            "Varje rad måste vara rätt ifylld. Är någon rad fel skapas inga ärenden alls: du får en lista "
            "över felen, rättar dem och laddar upp filen igen.",
            "Högst {max_rows} adresser (rader) per fil.",
            "Ändra inte rubrikerna och lägg inte till kolumner.",
            "Använd inga formler: skriv in värdena (eller klistra in som värden).",
        ),
        table_heading=("Kolumn", "Obligatorisk", "Typ", "Tillåtna värden"),
        yes="ja",
        no="nej",
        kinds={
            "text": "Text",
            "integer": "Heltal",
            "decimal": "Tal (decimaler tillåtna)",
            "choice": "Val ur lista",
            "date": "Datum (YYYY-MM-DD)",
            "ean": "Anläggnings-id (EAN, 18 siffror)",
            "boolean": "Ja eller nej",
        },
        one_of="En av: {choices}",
        at_least="minst {minimum}",
        at_most="högst {maximum}",
        max_length="högst {max_length} tecken",
        exact_length="exakt {length} tecken",
        invalid_title="Ogiltigt värde",
    ),
    "da": ExcelTexts(
        addresses_sheet="Adresser",
        instructions_sheet="Vejledning",
        rules=(
            'Udfyld én adresse pr. række på arket "Adresser" under overskriftsrækken. Tomme rækker '
            "springes over.",
            "Kolonner markeret med * er obligatoriske.",
            "Skriv datoer som YYYY-MM-DD (år-måned-dag), f.eks. 2025-03-01.",
            "Hver række skal være udfyldt korrekt. Er blot én række forkert, oprettes der ingen sager: du "
            "får en liste over fejlene, retter dem og uploader filen igen.",
            "Højst {max_rows} adresser (rækker) pr. fil.",
            "Ret ikke i overskrifterne, og tilføj ikke kolonner.",
            "Brug ikke formler: skriv værdierne (eller indsæt som værdier).",
        ),
        table_heading=("Kolonne", "Obligatorisk", "Type", "Tilladte værdier"),
        yes="ja",
        no="nej",
        kinds={
            "text": "Tekst",
            "integer": "Heltal",
            "decimal": "Tal (decimaler tilladt)",
            "choice": "Valg fra liste",
            "date": "Dato (YYYY-MM-DD)",
            "ean": "Målepunkts-id (EAN, 18 cifre)",
            "boolean": "Ja eller nej",
        },
        one_of="Én af: {choices}",
        at_least="mindst {minimum}",
        at_most="højst {maximum}",
        max_length="højst {max_length} tegn",
        exact_length="præcis {length} tegn",
        invalid_title="Ugyldig værdi",
    ),
    "en": ExcelTexts(
        addresses_sheet="Addresses",
        instructions_sheet="Instructions",
        rules=(
            'Fill in one address per row on the "Addresses" sheet, below the heading row. Empty rows are '
            "skipped.",
            "Columns marked * are mandatory.",
            "Write dates as YYYY-MM-DD (year-month-day), e.g. 2025-03-01.",
            "Every row must be right. If any row is wrong, no cases are created at all: you get a list of "
            "the problems, correct them and upload the file again.",
            "At most {max_rows} addresses (rows) per file.",
            "Do not change the headings or add columns.",
            "Do not use formulas: type the values (or paste them as values).",
        ),
        table_heading=("Column", "Mandatory", "Type", "Allowed values"),
        yes="yes",
        no="no",
        kinds={
            "text": "Text",
            "integer": "Whole number",
            "decimal": "Number (decimals allowed)",
            "choice": "Choice from a list",
            "date": "Date (YYYY-MM-DD)",
            "ean": "Facility id (EAN, 18 digits)",
            "boolean": "Yes or no",
        },
        one_of="One of: {choices}",
        at_least="at least {minimum}",
        at_most="at most {maximum}",
        max_length="at most {max_length} characters",
        exact_length="exactly {length} characters",
        invalid_title="Invalid value",
    ),
}

# Every language's yes and no (and Excel's own TRUE/FALSE), so an upload reads whatever template it came
# from; the cases service wants "true" or "false".
BOOLEAN_WORDS: dict[str, str] = {
    **dict.fromkeys(("true", "ja", "yes", "sant", "sand"), "true"),
    **dict.fromkeys(("false", "nej", "no", "falskt", "falsk"), "false"),
}
