"""The packaged agency registry: coverage, variants, loading and extending."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsclean import extract_source
from newsclean.source import Registry, RegistryError, alias_key, default_registry
from newsclean.source.registry import AGENCY_TYPES

# a few canonical ids the rest of newsclean (and users) rely on
CORE_IDS = [
    "reuters",
    "afp",
    "ap",
    "dpa",
    "efe",
    "xinhua",
    "aa",
    "dha",
    "iha",
    "anka",
    "irna",
    "isna",
    "fars",
    "mehr",
    "tasnim",
    "spa",
    "wam",
    "qna",
    "kuna",
    "bna",
    "ona",
    "saba",
    "mena",
    "sana",
    "petra",
    "wafa",
    "maan",
    "apa",
    "ats",
    "belga",
    "cp",
    "pa",
    "ansa",
    "tass",
    "sputnik",
]


def test_registry_size_and_fields() -> None:
    reg = default_registry()
    assert len(reg) >= 120
    for agency in reg:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", agency.id), agency.id
        assert agency.type in AGENCY_TYPES
        assert re.fullmatch(r"[A-Z]{2}", agency.country), agency.id
        assert agency.all_aliases()
        for weak in agency.weak:
            assert reg.lookup(weak), (agency.id, weak)


@pytest.mark.parametrize("agency_id", CORE_IDS)
def test_core_ids_present(agency_id: str) -> None:
    assert agency_id in default_registry()


@pytest.mark.parametrize(
    ("spelling", "agency_id"),
    [
        ("أ ف ب", "afp"),
        ("أ.ف.ب", "afp"),
        ("ا.ف.ب", "afp"),
        ("أ. ف. ب", "afp"),
        ("د ب أ", "dpa"),
        ("د.ب.أ", "dpa"),
        ("أ ش أ", "mena"),
        ("ا.ش.ا", "mena"),
        ("ایسنا", "isna"),  # Persian yeh
        ("ايسنا", "isna"),  # Arabic yeh
        ("إيسنا", "isna"),  # hamza below
        ("وكاله الانباء السعوديه", "spa"),  # ta marbuta written as ha, bare alef
        ("وكالة الأنباء السعودية", "spa"),
        ("خبرگزاری فارس", "fars"),
        ("REUTERS", "reuters"),
        ("Agence France Presse", "afp"),
        ("Agence France-Presse", "afp"),
        ("İHA", "iha"),
        ("IHA", "iha"),
    ],
)
def test_variant_spellings(spelling: str, agency_id: str) -> None:
    assert agency_id in default_registry().lookup(spelling)


def test_ambiguous_aliases_listed_for_several_agencies() -> None:
    reg = default_registry()
    assert set(reg.lookup("APA")) == {"apa", "apanews", "apa_az"}
    assert set(reg.lookup("CNA")) == {"cna_tw", "cna_cy"}
    assert set(reg.lookup("APS")) == {"aps_dz", "aps_sn"}


def test_alias_key_normalises_abbreviations() -> None:
    assert alias_key("أ.ف.ب") == alias_key("أ ف ب") == alias_key("ا. ف. ب")
    assert alias_key("Itar-Tass") == "itar tass"


def test_packaged_file_is_our_own_toml() -> None:
    import newsclean

    path = Path(newsclean.__file__).parent / "data" / "agencies.toml"
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("#")
    assert "[[agency]]" in text


def test_add_agency_and_alias_extend_matching() -> None:
    reg = Registry.load()
    before = len(reg)
    reg.add_agency("kna_test", "Kenya Test Wire", aliases={"en": ["KTW"]}, country="KE")
    assert len(reg) == before + 1
    res = extract_source("NAIROBI (KTW) - Parliament met on Monday.", registry=reg)
    assert res is not None and res.agency == "kna_test" and res.name == "Kenya Test Wire"
    reg.add_alias("kna_test", "Kenya Test Wire Service", lang="en")
    res = extract_source(
        "Parliament met on Monday.\n\nSource: Kenya Test Wire Service", registry=reg
    )
    assert res is not None and res.agency == "kna_test"
    # the packaged default registry is untouched
    assert "kna_test" not in default_registry()


def test_weak_alias_added_by_user_needs_a_strict_slot() -> None:
    reg = Registry()
    reg.add_agency("nova", "Nova Agency", aliases=["Nova Agency"])
    reg.add_alias("nova", "Nova", weak=True)
    assert (
        extract_source("Nova reported that the supernova was seen on Monday.", registry=reg) is None
    )
    assert extract_source("Headline\n\nNova - the supernova was seen.", registry=reg) is None
    res = extract_source("The supernova was seen on Monday.\n(Nova)", registry=reg)
    assert res is not None and res.agency == "nova"


def test_registry_errors_are_clear(tmp_path: Path) -> None:
    reg = Registry()
    reg.add_agency("x1", "X One", aliases=["X One"])
    with pytest.raises(RegistryError, match="duplicate"):
        reg.add_agency("x1", "Again")
    with pytest.raises(RegistryError, match="unknown agency"):
        reg.add_alias("nope", "Nope")
    with pytest.raises(RegistryError, match="type"):
        reg.add_agency("x2", "X Two", type="blog")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[agency]\nid=", encoding="utf-8")
    with pytest.raises(RegistryError, match="not valid"):
        Registry.load(bad)
    with pytest.raises(RegistryError, match="cannot read"):
        Registry.load(tmp_path / "missing.toml")
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    with pytest.raises(RegistryError, match="list"):
        Registry.load(empty)


def test_load_user_json_registry(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(
        json.dumps(
            {
                "agencies": [
                    {
                        "id": "lokal",
                        "name": "Lokalagentur",
                        "country": "DE",
                        "type": "national",
                        "aliases": {"de": ["LKA-Dienst", "Lokalagentur"]},
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    reg = Registry.load(path)
    assert len(reg) == 1
    res = extract_source("Die Stadt feierte am Sonntag.  (Lokalagentur, 3.4.2016)", registry=reg)
    assert res is not None and res.agency == "lokal"
    # the user's registry replaces the default one: Reuters is unknown there
    assert extract_source("LONDON (Reuters) - Text.", registry=reg) is None


def test_places_break_ties_between_shared_abbreviations() -> None:
    reg = Registry()
    reg.add_agency("north", "North Wire", aliases={"en": ["NW"]}, places=["Northtown"])
    reg.add_agency("south", "South Wire", aliases={"en": ["NW"]}, places=["Southport"])
    body = "The council approved the budget on Monday after a long debate."
    south = extract_source(f"SOUTHPORT, May 3 (NW) - {body}", registry=reg)
    north = extract_source(f"NORTHTOWN (NW) - {body}", registry=reg)
    other = extract_source(f"ELSEWHERE (NW) - {body}", registry=reg)
    assert south is not None and south.agency == "south" and south.city == "SOUTHPORT"
    assert north is not None and north.agency == "north"
    assert other is not None and other.agency == "north"  # no place: registry order
    with pytest.raises(RegistryError, match="places"):
        reg.add_agency("bad", "Bad", aliases=["BAD"], places="Town")  # type: ignore[arg-type]


def test_packaged_places_pick_the_agency() -> None:
    body = "Le ministre a inauguré lundi une nouvelle usine de dessalement."
    dakar = extract_source(f"Dakar, 14 fév (APS) - {body}")
    alger = extract_source(f"ALGER, 14 fév (APS) - {body}")
    assert dakar is not None and dakar.agency == "aps_sn"
    assert alger is not None and alger.agency == "aps_dz"


def test_a_field_written_under_the_aliases_table_is_refused(tmp_path: Path) -> None:
    # TOML puts "weak = [...]" after [agency.aliases] inside that table: it would be read as
    # the aliases of a language "weak", and the homograph would count everywhere
    path = tmp_path / "agencies.toml"
    path.write_text(
        '[[agency]]\nid = "kabar"\nname = "Kabar"\n[agency.aliases]\nen = ["Kabar"]\n'
        'weak = ["Kabar"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RegistryError, match="'weak' is not a language code"):
        Registry.load(path)
    path.write_text('[[agency]]\nid = "kabar"\nexact = ["KBR"]\n', encoding="utf-8")
    with pytest.raises(RegistryError, match=r"unknown fields \['exact'\]"):
        Registry.load(path)


def test_the_packaged_homographs_are_weak() -> None:
    reg = Registry.load()
    for agency_id, word in [("antara", "Antara"), ("kabar", "Kabar"), ("tass", "تاس")]:
        agency = reg.get(agency_id)
        assert agency is not None and word in agency.weak
        assert "weak" not in agency.aliases


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # two agencies joined by a hyphen are both credited
        ("Kaynak: DHA-İHA", ["dha", "iha"]),
        # an agency joined to the place of a dateline that opens a line
        ("APA-Dakar (Sénégal) - Le gouvernement a annoncé jeudi", ["apa"]),
        # compounds with a word are not credits
        ("Auf APA-Anfrage hieß es aus dem Ministerium", []),
        ("Laut einer Anfrage (siehe APA-Dakar) hieß es", []),
        ("Hava Kuvvetleri'ndeki ANKA-S sayısı altıya yükseldi.", []),
    ],
)
def test_hyphenated_compounds(text: str, keys: list[str]) -> None:
    assert [h.key for h in default_registry().find(text)] == keys


def test_shared_abbreviations_that_are_also_outlets_are_weak() -> None:
    reg = Registry.load()
    # Singapore's broadcaster CNA, China's Central Military Commission, the EU's Ecofin
    for agency_id, word in [
        ("cna_tw", "CNA"),
        ("cna_cy", "CNA"),
        ("cmc", "CMC"),
        ("ecofin", "Ecofin"),
    ]:
        agency = reg.get(agency_id)
        assert agency is not None and word in agency.weak
    assert (
        extract_source("Singapore will raise its retirement age, broadcaster CNA reported.") is None
    )
    got = extract_source("Taipei, Jan. 5 (CNA) Taiwan's exports rose 12 percent in December.")
    assert got is not None and got.agency == "cna_tw"


def test_the_language_picks_the_owner_of_a_shared_abbreviation() -> None:
    tr = "Azerbaycan'ın APA haber ajansının aktardığına göre, Bakü'de hazırlıklar tamamlandı."
    de = "Wien (APA) - Die Inflation ist im Oktober leicht gesunken, teilte die Statistik mit."
    assert [getattr(extract_source(t), "agency", None) for t in (tr, de)] == ["apa_az", "apa"]
