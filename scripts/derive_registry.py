"""Derive the packaged hromada registry from the KSE full dataset.

    python scripts/derive_registry.py ../shared/datasets/ukraine-admin

writes ``src/hromada/web/communities/data/registry.csv`` (the 1,469 hromadas, the
columns the registry keeps, English names added) and copies the oblast TopoJSON
beside it. The output is committed; `migrate` loads it (communities migration 0002).
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from hromada.web.communities.translit import transliterate  # noqa: E402

OUT_DIR = Path(__file__).resolve().parents[1] / "src/hromada/web/communities/data"

# KSE's own English oblast names carry typos ("Donetks", "Vonyn") and are blank for
# 31 rows, so the names are the official English ones, keyed by KATOTTH code.
OBLAST_EN = {
    "UA05000000000010236": "Vinnytsia",
    "UA07000000000024379": "Volyn",
    "UA12000000000090473": "Dnipropetrovsk",
    "UA14000000000091971": "Donetsk",
    "UA18000000000041385": "Zhytomyr",
    "UA21000000000011690": "Zakarpattia",
    "UA23000000000064947": "Zaporizhzhia",
    "UA26000000000069363": "Ivano-Frankivsk",
    "UA32000000000030281": "Kyiv",
    "UA35000000000016081": "Kirovohrad",
    "UA44000000000018893": "Luhansk",
    "UA46000000000026241": "Lviv",
    "UA48000000000039575": "Mykolaiv",
    "UA51000000000030770": "Odesa",
    "UA53000000000028050": "Poltava",
    "UA56000000000066151": "Rivne",
    "UA59000000000057109": "Sumy",
    "UA61000000000060328": "Ternopil",
    "UA63000000000041885": "Kharkiv",
    "UA65000000000030969": "Kherson",
    "UA68000000000099709": "Khmelnytskyi",
    "UA71000000000010357": "Cherkasy",
    "UA73000000000044923": "Chernivtsi",
    "UA74000000000025378": "Chernihiv",
}
TYPES = {"міська": "urban", "селищна": "settlement", "сільська": "rural"}
COLUMNS = [
    "katotth", "name_uk", "name_en", "type",
    "oblast_katotth", "oblast_name_uk", "oblast_name_en",
    "raion_katotth", "raion_name_uk", "raion_name_en",
    "centre_katotth", "centre_name_uk", "centre_name_en", "latitude", "longitude",
    "population", "area_km2", "occupied_before_2022", "border_distance_km",
]  # fmt: skip
# One KSE name writes a Latin "i" for the Cyrillic "і" ("Вiйтовецька").
_LATIN_I = re.compile(r"(?<=[\u0400-\u04ff])i|i(?=[\u0400-\u04ff])")


def ukrainian(name: str) -> str:
    return _LATIN_I.sub("і", name.strip())


def derive(row: dict[str, str]) -> dict[str, str]:
    name, raion, centre = (
        ukrainian(row[key]) for key in ("hromada_name", "raion_name", "hromada_center")
    )
    return {
        "katotth": row["hromada_code"],
        "name_uk": name,
        "name_en": transliterate(name),
        "type": TYPES[row["type"]],
        "oblast_katotth": row["oblast_code"],
        "oblast_name_uk": ukrainian(row["oblast_name"]),
        "oblast_name_en": OBLAST_EN[row["oblast_code"]],
        "raion_katotth": row["raion_code"],
        "raion_name_uk": raion,
        "raion_name_en": transliterate(raion),
        "centre_katotth": row["hromada_center_code"],
        "centre_name_uk": centre,
        "centre_name_en": transliterate(centre),
        "latitude": row["lat_center"],
        "longitude": row["lon_center"],
        "population": row["total_popultaion_2022"],
        "area_km2": "" if row["square"] == "NA" else row["square"],
        "occupied_before_2022": row["occipied_before_2022"],
        "border_distance_km": f"{float(row['distance_to_russia_belarus']):.1f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="shared/datasets/ukraine-admin")
    args = parser.parse_args()
    with open(args.source / "hromadas_full_dataset_kse.csv", encoding="utf-8") as f:
        rows = sorted((derive(row) for row in csv.DictReader(f)), key=_order)
    with open(OUT_DIR / "registry.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    shutil.copyfile(
        args.source / "ukraine_oblasts_naturalearth.topojson",
        OUT_DIR / "ukraine_oblasts.topojson",
    )
    print(f"{len(rows)} hromadas written to {OUT_DIR / 'registry.csv'}")


def _order(row: dict[str, str]) -> str:
    return row["katotth"]


if __name__ == "__main__":
    main()
