"""Regenerate ``states.json`` from the hand-written tables below plus ISO 3166 names.

Not used at run time. Names in fr/de/it/pl/ru are seeded from the iso-codes translations shipped with
``pycountry`` (build-time only: ``pip install pycountry``); demonyms, adjectives, capitals, seats of
government and short names are written by hand in ``states_en.tsv`` and ``states_i18n.tsv``. Edit those
tables (or ``states.json`` directly) and rerun::

    python src/unspun/analyzers/data/actors/build_states.py
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path

HERE = Path(__file__).parent
LANGS = ("fr", "de", "it", "pl", "ru")
OBSERVERS = {"VAT", "PSE"}
NON_UN = {"XKX", "TWN"}


def _split(cell: str) -> list[str]:
    return (
        [p.strip() for p in cell.split(",") if p.strip()]
        if "," not in cell or "D.C." not in cell
        else [p.strip() for p in cell.replace("Washington, D.C.", "Washington D.C.").split(",") if p.strip()]
    )


def _uninvert(name: str) -> str:
    """ISO style "Korea, Republic of" -> "Republic of Korea"; "Russie, Fédération de" -> "Fédération de Russie"."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        return f"{tail} {head}".strip()
    return name


def _iso_names(alpha3: str) -> dict[str, list[str]]:
    try:
        import pycountry
    except ImportError:
        return {}
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return {}
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        names = []
        for attr in ("common_name", "name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                translated = tr.gettext(value)
                if translated != value or lang in ("it",):
                    names.append(_uninvert(translated))
        out[lang] = list(dict.fromkeys(n for n in names if "(" not in n))
    return out


def main() -> None:
    states: dict[str, dict] = {}
    for line in (HERE / "states_en.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso, names, adjs, nouns, capitals = (line.split("|") + [""] * 5)[:5]
        names_l = _split(names)
        adj_l = _split(adjs)
        noun_l = _split(nouns) or [a for a in adj_l if a not in names_l]
        status = "observer" if iso in OBSERVERS else "none" if iso in NON_UN else "member"
        entry = {
            "id": iso,
            "type": "state",
            "name": names_l[0],
            "un": status,
            "names": {"en": names_l},
            "adjectives": {"en": adj_l},
            "demonyms": {"en": noun_l},
            "capitals": {"en": _split(capitals)},
        }
        for lang, values in _iso_names(iso).items():
            if values:
                entry["names"][lang] = values
        states[iso] = entry
    for line in (HERE / "states_i18n.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso, lang, names, adjs, nouns, capitals = (line.split("|") + [""] * 6)[:6]
        entry = states[iso]
        entry["names"][lang] = list(dict.fromkeys(_split(names) + entry["names"].get(lang, [])))
        entry["adjectives"][lang] = _split(adjs)
        entry["demonyms"][lang] = _split(nouns)
        entry["capitals"][lang] = _split(capitals)
    for entry in states.values():
        for key in ("adjectives", "demonyms", "capitals"):
            entry[key] = {k: v for k, v in entry[key].items() if v}
    payload = {
        "about": "UN member and observer states (plus Kosovo and Taiwan) by ISO 3166-1 alpha-3. See README.md.",
        "actors": sorted(states.values(), key=lambda e: e["id"]),
    }
    (HERE / "states.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(states)} states")


if __name__ == "__main__":
    main()
