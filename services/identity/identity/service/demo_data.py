"""Demo data: the 16 real landlords (public facts) and invented places and people.

Landlord names, municipalities and approximate sizes come from the public record (see
DOMAIN.md); where DOMAIN.md names no municipality the one given here is a plausible guess.
Sites, buildings, streets and people are invented: no real person appears here.
"""

from __future__ import annotations

from dataclasses import dataclass

ANDERLECHT = ("Anderlecht", "1070")
AUDERGHEM = ("Auderghem / Oudergem", "1160")
BERCHEM = ("Berchem-Sainte-Agathe / Sint-Agatha-Berchem", "1082")
BRUSSELS = ("Bruxelles / Brussel", "1000")
ETTERBEEK = ("Etterbeek", "1040")
EVERE = ("Evere", "1140")
FOREST = ("Forest / Vorst", "1190")
GANSHOREN = ("Ganshoren", "1083")
IXELLES = ("Ixelles / Elsene", "1050")
JETTE = ("Jette", "1090")
KOEKELBERG = ("Koekelberg", "1081")
LAEKEN = ("Bruxelles / Brussel", "1020")
MOLENBEEK = ("Molenbeek-Saint-Jean / Sint-Jans-Molenbeek", "1080")
SAINT_GILLES = ("Saint-Gilles / Sint-Gillis", "1060")
SAINT_JOSSE = ("Saint-Josse-ten-Noode / Sint-Joost-ten-Node", "1210")
SCHAERBEEK = ("Schaerbeek / Schaarbeek", "1030")
UCCLE = ("Uccle / Ukkel", "1180")
WATERMAEL = ("Watermael-Boitsfort / Watermaal-Bosvoorde", "1170")
WOLUWE_LAMBERT = ("Woluwe-Saint-Lambert / Sint-Lambrechts-Woluwe", "1200")
WOLUWE_PIERRE = ("Woluwe-Saint-Pierre / Sint-Pieters-Woluwe", "1150")

Municipality = tuple[str, str]


@dataclass(frozen=True)
class DemoLandlord:
    """A landlord of the demo: code, names (FR, NL), where it works, how many dwellings."""

    code: str
    name_fr: str
    name_nl: str
    municipalities: tuple[Municipality, ...]
    dwellings: int


LANDLORDS = (
    DemoLandlord("foyer-anderlechtois", "Foyer Anderlechtois", "Anderlechtse Haard", (ANDERLECHT,), 3400),
    DemoLandlord("logiris", "LOG'IRIS", "LOG'IRIS", (ETTERBEEK, KOEKELBERG), 2300),
    DemoLandlord("en-bord-de-soignes", "En Bord de Soignes", "En Bord de Soignes", (WOLUWE_PIERRE,), 1900),
    DemoLandlord("logement-bruxellois", "Logement Bruxellois", "Brusselse Woning", (BRUSSELS,), 3600),
    DemoLandlord("foyer-laekenois", "Foyer Laekenois", "Lakense Haard", (LAEKEN,), 2500),
    DemoLandlord("binhome", "BinHôme", "BinHôme", (IXELLES, UCCLE), 2200),
    DemoLandlord("lojega", "LOJEGA", "LOJEGA", (JETTE, GANSHOREN), 2000),
    DemoLandlord(
        "logement-molenbeekois", "Logement Molenbeekois", "Molenbeekse Huisvesting", (MOLENBEEK,), 2900
    ),
    DemoLandlord("foyer-du-sud", "Foyer du Sud", "Foyer du Sud", (SAINT_GILLES, FOREST), 2400),
    DemoLandlord("hbm-saint-josse", "HBM Saint-Josse", "HBM Saint-Josse", (SAINT_JOSSE,), 1800),
    DemoLandlord("foyer-schaerbeekois", "Foyer Schaerbeekois", "Schaarbeekse Haard", (SCHAERBEEK,), 3100),
    DemoLandlord("habitation-moderne", "Habitation Moderne", "Habitation Moderne", (WOLUWE_LAMBERT,), 2100),
    DemoLandlord("logis-floreal", "Logis-Floréal", "Logis-Floréal", (AUDERGHEM, WATERMAEL), 2000),
    DemoLandlord("comensia", "Comensia", "Comensia", (BERCHEM, BRUSSELS), 3300),
    DemoLandlord("everecity", "Everecity", "Everecity", (EVERE,), 1850),
    DemoLandlord("abc", "ABC", "ABC", (SCHAERBEEK, BRUSSELS), 2700),
)

# Invented neighbourhoods: (NL, FR, EN, street in FR).
SITE_NAMES = (
    ("Lindenwijk", "Cité des Tilleuls", "Linden Estate", "Allée des Tilleuls"),
    ("Zwaluwhof", "Clos des Hirondelles", "Swallow Court", "Rue des Hirondelles"),
    ("Klaprooswijk", "Cité des Coquelicots", "Poppy Estate", "Avenue des Coquelicots"),
    ("Vlinderhof", "Cour des Papillons", "Butterfly Court", "Rue des Papillons"),
    ("Kastanjewijk", "Quartier des Marronniers", "Chestnut Quarter", "Square des Marronniers"),
    ("Regenbooghof", "Clos de l'Arc-en-Ciel", "Rainbow Court", "Rue de l'Arc-en-Ciel"),
    ("Berkenwijk", "Cité des Bouleaux", "Birch Estate", "Drève des Bouleaux"),
)
BUILDINGS_PER_SITE = 2
HOUSEHOLDS_PER_BUILDING = 3
HOUSEHOLD_LANGUAGES = ("fr", "nl", "fr", "en", "nl", "fr")

DEMO_LANDLORD = "foyer-anderlechtois"


@dataclass(frozen=True)
class DemoAccount:
    """An invented person who logs in with a password, with one role."""

    key: str
    display_name: str
    username: str
    language: str
    role: str
    in_household: bool = False


ACCOUNTS = (
    DemoAccount(
        "council_member", "Noor Voorbeeld", "council.demo", "nl", "council_member", in_household=True
    ),
    DemoAccount("community_worker", "Camille Exemple", "worker.demo", "fr", "community_worker"),
    DemoAccount("landlord_staff", "Sam Proef", "staff.demo", "fr", "landlord_staff"),
    DemoAccount("regional_admin", "Alex Fictif", "admin.demo", "nl", "regional_admin"),
)
PARTNER = ("demo-partner", "Demo partner system", "Maison de quartier Exemple / Buurthuis Voorbeeld")
