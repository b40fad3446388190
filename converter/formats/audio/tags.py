"""ID3 v2.3 tags (what Windows players read) and chapter markers, written with mutagen."""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import (
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TIT2,
    TLAN,
    TPE1,
    TPE2,
    TPUB,
    TRCK,
    TYER,
    CTOCFlags,
)

UTF16 = 1  # ID3 v2.3 has no UTF-8; UTF-16 carries any script


class _TimeOrderedID3(ID3):
    """mutagen writes frames sorted by their size, which puts a chapter with a short title
    before earlier ones, and players and ffprobe list CHAP frames in file order. This writes
    the CHAP frames last, in time order."""

    def _write(self, config):
        from mutagen.id3._tags import save_frame  # the frame encoder mutagen itself uses

        chapters = sorted(self.getall("CHAP"), key=lambda frame: frame.start_time)
        self.delall("CHAP")
        try:
            data = super()._write(config)
        finally:
            for frame in chapters:
                self.add(frame)
        return data + b"".join(save_frame(frame, config=config) for frame in chapters)


def iso639_2(language: str) -> str:
    return {"en": "eng", "cy": "cym", "gd": "gla", "ga": "gle", "pl": "pol", "ur": "urd",
            "pa": "pan", "ar": "ara", "bn": "ben", "fr": "fra"}.get(
        language.split("-")[0].lower(), "eng")


def tag_mp3(path: Path, *, title: str, album: str, artist: str, track: int, total: int,
            year: str, language: str, comment: str = "") -> None:
    tags = ID3()
    tags.add(TIT2(encoding=UTF16, text=title))
    tags.add(TALB(encoding=UTF16, text=album))
    tags.add(TPE1(encoding=UTF16, text=artist))
    tags.add(TPE2(encoding=UTF16, text=artist))
    tags.add(TPUB(encoding=UTF16, text=artist))
    tags.add(TRCK(encoding=UTF16, text=f"{track}/{total}"))
    tags.add(TYER(encoding=UTF16, text=year))
    tags.add(TLAN(encoding=UTF16, text=iso639_2(language)))
    tags.add(TCON(encoding=UTF16, text="Speech"))
    if comment:
        tags.add(COMM(encoding=UTF16, lang=iso639_2(language), desc="", text=comment))
    tags.save(str(path), v2_version=3)


def add_chapters(path: Path, chapters: list[tuple[str, float, float]]) -> None:
    """Chapter markers (ID3 CHAP/CTOC) so players can skip between chapters."""
    tags = _TimeOrderedID3(str(path))
    ids = []
    for index, (title, start, end) in enumerate(chapters):
        element = f"chp{index:04d}"
        ids.append(element)
        tags.add(CHAP(element_id=element, start_time=int(start * 1000),
                      end_time=int(end * 1000),
                      sub_frames=[TIT2(encoding=UTF16, text=title)]))
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=ids, sub_frames=[TIT2(encoding=UTF16, text="Chapters")]))
    tags.save(str(path), v2_version=3)
