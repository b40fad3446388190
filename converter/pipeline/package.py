"""A resident's package: the resident files of one or more formats, a plain README.txt, and
for `--zip` one or more zips each under the mail limit, split at chapter boundaries.

Only files whose role the format declares as "resident" are ever packed; staff files
(scripts, slot lists, reports, manifests) never leave the output folder this way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from converter.config import PACKAGE_ROOT, Style
from converter.errors import ConverterError, InputError
from converter.formats import get_format
from converter.formats.base import FileRole, file_label, role_of
from converter.pipeline.paths import confined

# Files that are compressed already gain nothing from deflate (and can grow a little).
STORED_SUFFIXES = {".mp3", ".pdf", ".png", ".jpg", ".jpeg", ".epub", ".zip", ".brf", ".m4a"}
ZIP_END = 22  # end of central directory record
MB = 1_000_000


@dataclass(frozen=True)
class PackFile:
    source: Path  # the file on disk (in the output folder, or a --small copy)
    arcname: str  # path inside the package folder
    format: str
    role: str
    info: FileRole
    bytes: int
    chapter: int | None = None  # chapter number (1-based) for chapter files
    chapter_title: str = ""
    unit: str = ""  # files rebuilt and sent together (one chapter's audio, transcript, captions)
    sha256: str = ""  # as recorded in the manifest
    described: str = ""  # its label with what it holds when it is one of several parts
    chapters: tuple[int, ...] = ()  # the chapters an Easy Read part holds

    def zip_estimate(self) -> int:
        """An upper bound on what this file adds to a zip: local header, data (deflate can
        grow incompressible data by about 0.1%), data descriptor and central directory
        entry, with room for ZIP64 extras."""
        name = len(self.arcname.encode("utf-8")) + 64  # + the package folder name
        data = self.bytes if stored(self.arcname) else self.bytes + self.bytes // 500 + 64
        return 30 + name + 40 + data + 24 + 46 + name + 40


@dataclass
class Package:
    doc_id: str
    title: str
    name: str  # what was asked for: "audio", "plain-english", "plain-english,large-print"
    label: str  # in plain words: "Audio", "Plain English: web edition"
    organisation: str
    other_formats: str
    built_at: str
    files: list[PackFile]
    notes: list[str] = field(default_factory=list)  # draft / out-of-date notes for README
    small: str = ""  # a sentence about the --small copy, when it is one
    contact: list[str] = field(default_factory=list)  # the publisher's, from the manifest

    @property
    def folder(self) -> str:
        return f"{self.doc_id}-{self.name.replace(',', '-')}"


def stored(name: str) -> bool:
    return Path(name).suffix.lower() in STORED_SUFFIXES


def fetch_settings(style: Style) -> dict[str, Any]:
    """styles/fetch.toml, validated; a style folder made before it existed uses the
    project's."""
    if not style.path("fetch.toml").is_file():
        style = Style(PACKAGE_ROOT / "styles")
    return style.settings("fetch")


def parse_chapters(value: str | None, count: int) -> list[int] | None:
    """'2,5' or '2-4,7' -> [2, 5] or [2, 3, 4, 7]; None means every chapter."""
    if value is None or not value.strip():
        return None
    numbers: list[int] = []
    for part in value.split(","):
        part = part.strip()
        first, _, last = part.partition("-")
        try:
            low, high = int(first), int(last or first)
        except ValueError:
            raise InputError(f"--chapters takes chapter numbers like 2,5 or 2-4, not "
                             f"'{part[:20]}'.") from None
        if not 1 <= low <= high <= count:
            raise InputError(f"There are {count} chapters; --chapters {part[:20]} is not "
                             "among them.")
        numbers.extend(range(low, high + 1))
    return sorted(set(numbers))


def resident_files(manifest: dict[str, Any], doc_dir: Path, names: list[str],
                   chapters: list[int] | None) -> list[PackFile]:
    """The resident files of the formats `names`, in manifest order; with `chapters`, only
    those chapters' files (an error if a format has no chapter files)."""
    numbers = {f"chapter:{c['id']}": (index, c["title"]) for index, c in
               enumerate(manifest["document"]["chapters"], start=1)}
    result = []
    for name in names:
        fmt = get_format(name)
        picked = []
        for item in manifest["formats"][name]["files"]:
            info = role_of(fmt, item["role"])
            if not info.resident:
                continue
            number, title = numbers.get(item.get("unit", ""), (None, ""))
            relative = item["path"].split("/", 1)[1]
            arcname = relative if len(names) == 1 else item["path"]
            path = confined(doc_dir, item["path"], "manifest")  # read back: never trusted
            picked.append(PackFile(path, arcname, name, item["role"], info, item["bytes"],
                                   number, item.get("chapter_title") or title,
                                   item.get("unit", ""), item["sha256"],
                                   file_label(info.label, item) if item.get("part") else "",
                                   tuple(item.get("part", {}).get("chapters", ()))))
        if chapters is not None:
            if not any(file.chapter or file.chapters for file in picked):
                raise InputError(f"--chapters works for formats with a file for each chapter "
                                 f"(audio) or an Easy Read in parts; '{name}' has neither.")
            # An Easy Read part is sent whole when it holds any chapter asked for.
            picked = [file for file in picked if file.chapter in chapters
                      or set(file.chapters) & set(chapters)]
        result.extend(picked)
    return result


# -- --small -------------------------------------------------------------------------------

@contextmanager
def small_copies(files: list[PackFile], style: Style,
                 limit: int | None = None) -> Iterator[tuple[list[PackFile], str]]:
    """Speech-grade copies of the MP3s (settings in styles/fetch.toml), made in a temporary
    folder that is removed afterwards; other files are unchanged. With a zip `limit`, files
    that need the whole set (the whole recording) are copied only if everything would still
    fit in one zip; otherwise they are left as they are, and splitting leaves them out."""
    settings = fetch_settings(style)["small"]
    kbps, rate = int(settings["bitrate_kbps"]), int(settings["sample_rate"])
    if not any(file.arcname.lower().endswith(".mp3") for file in files):
        raise InputError("--small makes smaller copies of audio; this format has no MP3s.")
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        raise ConverterError("--small needs ffmpeg (run 'make setup').")
    work = Path(tempfile.mkdtemp(prefix="converter-small-"))

    def encode(index: int, file: PackFile) -> PackFile:
        target = work / f"{index:04d}.mp3"
        # Mono MP3 at a speech-grade bit rate; tags and chapter markers are kept.
        command = [ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(file.source),
                   "-map", "0:a", "-map_metadata", "0", "-map_chapters", "0", "-ac", "1",
                   "-ar", str(rate), "-c:a", "libmp3lame", "-b:a", f"{kbps}k",
                   "-id3v2_version", "3", str(target)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            raise ConverterError(f"ffmpeg could not make a small copy of {file.arcname}: "
                                 f"{(result.stderr.strip().splitlines() or ['?'])[-1]}")
        return replace(file, source=target, bytes=target.stat().st_size)

    def convert(chosen: list[PackFile]) -> dict[int, PackFile]:
        indexes = [i for i, file in enumerate(files) if file in chosen]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            return dict(zip(indexes, pool.map(lambda i: encode(i, files[i]), indexes),
                            strict=True))

    try:
        mp3s = [file for file in files if file.arcname.lower().endswith(".mp3")]
        done = convert([file for file in mp3s if not file.info.whole])
        copies = [done.get(i, file) for i, file in enumerate(files)]
        whole = [file for file in mp3s if file.info.whole]
        # The whole recording holds the same audio as the chapters, so about their size.
        guess = sum(file.zip_estimate() for file in copies if not file.info.whole) * 2
        if whole and (limit is None or guess < limit):
            done.update(convert(whole))
            copies = [done.get(i, file) for i, file in enumerate(files)]
        sentence = (f"The recordings are a smaller speech-grade copy ({kbps} kbps mono): "
                    "speech is clear, a little softer in 's' and 'f' sounds than the full "
                    "copy.")
        yield copies, sentence
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- splitting into parts -----------------------------------------------------------------

def plan_parts(files: list[PackFile], limit: int, reserve: int) -> tuple[list[list[PackFile]],
                                                                        list[PackFile]]:
    """Zips of at most `limit` bytes (`reserve` kept for README.txt). Everything in one zip
    when it fits; else files that need the whole set (playlist, whole recording) are left
    out and the rest is split at chapter boundaries, in order. Returns (parts, left out)."""
    budget = limit - ZIP_END - reserve
    if sum(file.zip_estimate() for file in files) <= budget:
        return [files], []
    left_out = [file for file in files if file.info.whole]
    groups: dict[str, list[PackFile]] = {}
    for file in files:
        if not file.info.whole:
            key = file.unit or file.arcname
            groups.setdefault(key, []).append(file)
    parts: list[list[PackFile]] = [[]]
    used = 0
    for group in groups.values():
        size = sum(file.zip_estimate() for file in group)
        if size > budget:
            what = (f"chapter {group[0].chapter} ('{group[0].chapter_title}')"
                    if group[0].chapter else group[0].arcname)
            raise ConverterError(
                f"{what} is {size / MB:.1f} MB on its own, over the {limit / MB:g} MB limit "
                "for one file; try --small for a speech-grade copy, or send it another way.")
        if parts[-1] and used + size > budget:
            parts.append([])
            used = 0
        parts[-1].extend(group)
        used += size
    return parts, left_out


def part_span(files: list[PackFile]) -> str:
    """What a part holds, for the README and the message: 'opening announcement and
    chapters 1 to 7'."""
    numbers = sorted({file.chapter for file in files if file.chapter})
    firsts: dict[str, PackFile] = {}  # the first file of each unit names it
    for file in files:
        if not file.chapter:
            firsts.setdefault(file.unit or file.arcname, file)
    others = list(dict.fromkeys(file.info.label for file in firsts.values()))
    if not numbers:
        chapters = ""
    elif numbers == list(range(numbers[0], numbers[-1] + 1)):
        chapters = (f"chapter {numbers[0]}" if len(numbers) == 1
                    else f"chapters {numbers[0]} to {numbers[-1]}")
    else:
        chapters = "chapters " + ", ".join(map(str, numbers))
    return " and ".join(part for part in (", ".join(others), chapters) if part)


# -- README.txt -------------------------------------------------------------------------------

def readme(package: Package, files: list[PackFile], part: int = 1, parts: int = 1,
           spans: list[str] | None = None, left_out: list[PackFile] | None = None) -> str:
    """A short plain-English note: what is inside and how to open or play it."""
    lines = [f"{package.title}: {package.label}",
             *([f"From {package.organisation}."] if package.organisation else []), ""]
    if parts > 1:
        lines.append(f"This is part {part} of {parts}. Unzip every part into the same folder.")
        for number, span in enumerate(spans or [], start=1):
            lines.append(f"  Part {number}: {span}")
        lines.append("")
    lines.append("What is inside")
    by_role: dict[str, list[PackFile]] = {}
    for file in files:
        by_role.setdefault(file.role, []).append(file)
    folders = []  # a folder of one kind of file (transcripts/) gets one line, after the rest
    for group in by_role.values():
        folder = str(Path(group[0].arcname).parent)
        if len(group) > 1 and folder != "." and all(
                str(Path(file.arcname).parent) == folder for file in group):
            folders.append(f"- {folder}/: {group[0].info.label}, one file for each recording "
                           f"({len(group)} files)")
    listed = [file for group in by_role.values() for file in group
              if not any(line.startswith(f"- {Path(file.arcname).parent}/:") for line in folders)]
    for file in sorted(listed, key=lambda f: files.index(f)):
        about = f", chapter {file.chapter}: {file.chapter_title}" if file.chapter else ""
        lines.append(f"- {file.arcname}: {file.described or file.info.label}{about}")
    lines.extend(folders)
    if left_out:
        lines.append("")
        lines.append("Left out to keep each file small enough to email: "
                     + "; ".join(file.info.label for file in left_out)
                     + ". The chapters hold all of the same content.")
    how = list(dict.fromkeys(file.info.how_to for file in files if file.info.how_to))
    # A shorter line that a fuller one already says (the chapters' and the announcement's).
    how = [line for line in how if not any(
        other != line and other.startswith(line.rstrip(".")) for other in how)]
    if package.small:
        how.append(package.small)
    if how:
        lines += ["", "How to open or play it", *how]
    if package.notes:
        lines += ["", "Please note", *package.notes]
    lines += ["", f"Made from the version of {package.built_at}.", package.other_formats]
    if package.contact:
        lines += ["", "How to contact us", *package.contact]
    lines.append("")
    return "\n".join(lines)


# -- writing ----------------------------------------------------------------------------------

def write_folder(package: Package, to: Path) -> list[Path]:
    """A folder of copies; an earlier copy with the same name is replaced whole, so no file
    from an earlier fetch (another chapter choice) is sent by mistake."""
    folder = to / package.folder
    building = to / f".{package.folder}.part"
    shutil.rmtree(building, ignore_errors=True)
    try:
        for file in package.files:
            target = building / file.arcname
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file.source, target)
        (building / "README.txt").write_text(readme(package, package.files), encoding="utf-8")
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
        building.replace(folder)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return [folder / file.arcname for file in package.files] + [folder / "README.txt"]


def write_zips(package: Package, to: Path,
               limit: int) -> tuple[list[Path], list[PackFile], list[str]]:
    """One zip, or numbered parts each at most `limit` bytes. Nothing is left behind when a
    part cannot be made; existing zips are replaced only once every part is written."""
    reserve = 4096
    while True:
        parts, left_out = plan_parts(package.files, limit, reserve)
        spans = [part_span(part) for part in parts]
        notes = [readme(package, part, number, len(parts), spans, left_out)
                 for number, part in enumerate(parts, start=1)]
        needed = max(len(_deflated(note)) + len(package.folder) + 200 for note in notes)
        if needed <= reserve:
            break
        reserve = needed
    if len(parts) == 1:
        targets = [to / f"{package.folder}.zip"]
    else:
        targets = [to / f"{package.folder}-part-{number}-of-{len(parts)}.zip"
                   for number in range(1, len(parts) + 1)]
    temporary = [target.with_name(target.name + ".part") for target in targets]
    try:
        for part, note, path in zip(parts, notes, temporary, strict=True):
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(f"{package.folder}/README.txt", note)
                for file in part:
                    archive.write(file.source, f"{package.folder}/{file.arcname}",
                                  zipfile.ZIP_STORED if stored(file.arcname) else
                                  zipfile.ZIP_DEFLATED)
            if path.stat().st_size > limit:  # the estimate is an upper bound; never send more
                raise ConverterError(f"internal error: {path.name} came out over the "
                                     f"{limit / MB:g} MB limit")
        for path, target in zip(temporary, targets, strict=True):
            path.replace(target)
        # Zips of an earlier fetch of the same package (another number of parts) would be
        # mixed up with these: remove them.
        for old in [to / f"{package.folder}.zip", *to.glob(f"{package.folder}-part-*-of-*.zip")]:
            if old not in targets and old.is_file():
                old.unlink()
    finally:
        for path in temporary:
            path.unlink(missing_ok=True)
    return targets, left_out, spans


def _deflated(text: str) -> bytes:
    import zlib

    return zlib.compress(text.encode("utf-8"), 9)
