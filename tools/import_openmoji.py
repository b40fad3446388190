"""Import OpenMoji's annotations, and the pictures some documents use, into styles/pictures/.

    npm pack openmoji@17.0.0 && tar xzf openmoji-17.0.0.tgz
    python tools/import_openmoji.py package/ source_docs/*.docx ../shared/corpus/policy-text-open/*.md

Writes styles/pictures/openmoji.tsv (hexcode, annotation, tags, group, subgroup, file) for every
picture that is not a skin-tone variant, and copies into styles/pictures/openmoji/ the colour
SVG of every picture the Easy Read drafts of the given documents would use. Pictures copied
before are kept. OpenMoji is CC BY-SA 4.0 (styles/pictures/LICENSE.openmoji.txt).
The output is sorted, so running it twice gives the same bytes.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from converter.config import Style  # noqa: E402
from converter.formats.easy_read.draft import Drafter  # noqa: E402
from converter.formats.easy_read.pictures import PictureLibrary, Variety  # noqa: E402
from converter.readers import read_document  # noqa: E402

PICTURES = ROOT / "styles" / "pictures"
FIELDS = ["hexcode", "annotation", "tags", "group", "subgroup", "file"]


def annotations(package: Path) -> list[dict[str, str]]:
    data = json.loads((package / "data" / "openmoji.json").read_text(encoding="utf-8"))
    rows = []
    for entry in data:
        if entry.get("skintone") or entry["group"] == "component":
            continue
        tags = sorted({t.strip() for t in f"{entry['tags']},{entry['openmoji_tags']}".split(",")
                       if t.strip()})
        rows.append({"hexcode": entry["hexcode"], "annotation": entry["annotation"],
                     "tags": ", ".join(tags), "group": entry["group"],
                     "subgroup": entry["subgroups"], "file": ""})
    return sorted(rows, key=lambda row: row["hexcode"])


def write(rows: list[dict[str, str]]) -> None:
    with open(PICTURES / "openmoji.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(package: Path, sources: list[Path]) -> None:
    rows = annotations(package)
    folder = PICTURES / "openmoji"
    folder.mkdir(exist_ok=True)
    vendored = {path.stem for path in folder.glob("*.svg")}
    write(rows)  # every picture offered, none with a file: the matcher then names all
    style = Style(ROOT / "styles")
    library = PictureLibrary.load(style)
    for source in sources:
        script = Drafter(style, read_document(source)).script()
        wanted = [row.keywords for row in script.rows()] + [[word] for word in script.word_bank]
        variety = Variety()  # as the build chooses: no picture again on the next rows
        for keywords in wanted:
            entry, _ = library.best(keywords, variety.avoid(keywords))
            if entry is not None:
                variety.used(entry.name, keywords)
                if entry.code:
                    vendored.add(entry.code)
    for row in rows:
        if row["hexcode"] in vendored:
            shutil.copyfile(package / "color" / "svg" / f"{row['hexcode']}.svg",
                            folder / f"{row['hexcode']}.svg")
            row["file"] = f"openmoji/{row['hexcode']}.svg"
    write(rows)
    print(f"{len(rows)} annotations, {len(vendored)} pictures in {folder}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), [Path(arg) for arg in sys.argv[2:]])
