"""Names for the demo network: weather streets as in seed 000 (Solgatan, Molngatan, Regngatan …),
property districts ("trakter") named after the same words, and fictional owners."""

# (street word, district in its definite form): Solgatan lies in the district Solen.
WORDS = (
    ("Sol", "Solen"),
    ("Moln", "Molnet"),
    ("Regn", "Regnet"),
    ("Snö", "Snön"),
    ("Åsk", "Åskan"),
    ("Blixt", "Blixten"),
    ("Dim", "Dimman"),
    ("Vind", "Vinden"),
    ("Hagel", "Haglet"),
    ("Storm", "Stormen"),
    ("Blåst", "Blåsten"),
    ("Frost", "Frosten"),
    ("Rimfrost", "Rimfrosten"),
    ("Skur", "Skuren"),
    ("Bris", "Brisen"),
    ("Kuling", "Kulingen"),
    ("Orkan", "Orkanen"),
    ("Dugg", "Dugget"),
    ("Tö", "Töet"),
    ("Sky", "Skyn"),
    ("Norrsken", "Norrskenet"),
    ("Gryning", "Gryningen"),
    ("Skymning", "Skymningen"),
    ("Regnbåge", "Regnbågen"),
    ("Solsken", "Solskenet"),
    ("Måne", "Månen"),
    ("Stjärn", "Stjärnan"),
    ("Virvel", "Virveln"),
    ("Monsun", "Monsunen"),
    ("Passad", "Passaden"),
    ("Åskmoln", "Åskmolnet"),
    ("Isregn", "Isregnet"),
    ("Snöflinge", "Snöflingan"),
    ("Högtryck", "Högtrycket"),
    ("Lågtryck", "Lågtrycket"),
    ("Väder", "Vädret"),
)
SUFFIXES = ("gatan", "vägen", "gränd", "stigen", "backen", "allén")
PREFIXES = ("", "Norra ", "Södra ", "Lilla ", "Stora ")

FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Ingrid", "Linnéa", "Åsa", "Märta",
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael", "Björn", "Göran", "Örjan", "Jörgen",
)  # fmt: skip
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jönsson", "Lindberg", "Lindström", "Lundgren", "Bergström",
    "Håkansson", "Sjöberg", "Åberg", "Öberg", "Nyström", "Ström", "Holmgren", "Mårtensson",
)  # fmt: skip


def street_names() -> list[tuple[str, str]]:
    """(street name, district) pairs, all names distinct; the first are Solgatan, Molngatan, Regngatan …"""
    return [
        (f"{prefix}{word}{suffix}", district)
        for prefix in PREFIXES
        for suffix in SUFFIXES
        for word, district in WORDS
    ]
