"""Schemas of the style files shipped in styles/ (ranges say where they come from)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from converter.settings.schema import (
    Invalid,
    folder,
    hex_colour,
    nonempty,
    number,
    register,
    style_file,
    word_list,
)

# -- the schemas of the shipped style files -------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Organisation:
    name: str = ""  # may be empty: formats then use the document's own Company property
    other_formats: str = nonempty()


@dataclass(frozen=True, kw_only=True)
class Chapters:
    split_level: int | Literal["auto"] = number(1, 9, default="auto")


@dataclass(frozen=True, kw_only=True)
class Smtp:
    """Where `converter serve` sends residents' packages. An empty host turns email off."""
    host: str = ""
    port: int = number(1, 65535, default=25)
    sender: str = ""
    tls: Literal["starttls", "ssl", "none"] = "starttls"
    # Many mailboxes refuse messages over 20 MB, counted after base64 encoding.
    max_email_mb: float = number(0.01, 100, default=20)


@dataclass(frozen=True, kw_only=True)
class Distributed:
    # `converter build --broker`: how long to wait before saying the broker is unreachable,
    # how long a build waits with none of its units finishing on the workers, and after
    # how long Redis hands an unacknowledged task (its worker died) to another worker.
    connect_timeout_s: float = number(0.5, 120, default=5)
    task_timeout_s: float = number(10, 86400, default=3600)
    visibility_timeout_s: float = number(5, 86400, default=600)


@dataclass(frozen=True, kw_only=True)
class ConverterSettings:
    organisation: Organisation
    chapters: Chapters = Chapters()
    smtp: Smtp = Smtp()
    distributed: Distributed = Distributed()


Severity = Literal["error", "warning", "info", "off"]


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    max_fk_grade: float = number(0, 50)
    max_reading_age: float = number(5, 55)  # FK grade + 5
    min_reading_ease: float = number(-200, 121.22)  # 121.22 is the top of the Flesch scale


@dataclass(frozen=True, kw_only=True)
class LongSentence:
    warning_words: int = number(5, 200)
    error_words: int = number(5, 200)


@dataclass(frozen=True, kw_only=True)
class LongParagraph:
    max_sentences: int = number(1, 100)


@dataclass(frozen=True, kw_only=True)
class Acronyms:
    common_list: str = word_list()


@dataclass(frozen=True, kw_only=True)
class PlainEnglishWords:
    words_to_avoid: str = word_list("phrase", "suggestions", "unless")
    complex_words: str = word_list("phrase", "suggestions")


@dataclass(frozen=True, kw_only=True)
class PlainEnglishSettings:
    thresholds: Thresholds
    long_sentence: LongSentence
    long_paragraph: LongParagraph
    severity: dict[str, Severity]
    acronyms: Acronyms
    words: PlainEnglishWords

    def __post_init__(self) -> None:
        if self.long_sentence.error_words < self.long_sentence.warning_words:
            raise Invalid("long_sentence", "error_words", self.long_sentence.error_words,
                           f"at least warning_words ({self.long_sentence.warning_words})")


@dataclass(frozen=True, kw_only=True)
class Page:
    width_mm: float = number(50, 1000)
    height_mm: float = number(50, 1000)
    margin_mm: float = number(0, 100)


@dataclass(frozen=True, kw_only=True)
class Fonts:
    family: str = nonempty()
    regular: str = style_file()
    bold: str = style_file()


@dataclass(frozen=True, kw_only=True)
class EasyReadText:
    body_pt: float = number(14, 72)  # Easy Read guidance: 14pt is the absolute minimum
    heading_pt: float = number(14, 96)
    title_pt: float = number(14, 120)
    line_spacing: float = number(1.0, 3.0)
    colour: str = hex_colour()
    background: str = hex_colour()
    page_number_pt: float = number(8, 72)
    placeholder_pt: float = number(8, 72)
    placeholder_colour: str = hex_colour()


@dataclass(frozen=True, kw_only=True)
class EasyReadPictures:
    slot_mm: float = number(10, 200)
    cover_slot_mm: float = number(10, 250)
    # Absent (a style folder from before it): the contact page never shrinks its pictures.
    contact_min_slot_mm: float = number(10, 200, default=200)
    gap_mm: float = number(0, 50)
    row_gap_mm: float = number(0, 50)
    library: str = folder()
    attribution: str = ""


@dataclass(frozen=True, kw_only=True)
class EasyReadLimits:
    max_pages: int = number(1, 1000)
    max_words_per_sentence: int = number(3, 40)
    max_content_rows: int = number(1, 100000)
    max_hard_words: int = number(0, 1000)
    # A master too long for one PDF: split into parts, trim rows, or "auto" (easy_read/draft.py)
    overflow: Literal["auto", "parts", "trim"] = "auto"
    max_parts: int = number(1, 20, default=4)


@dataclass(frozen=True, kw_only=True)
class EasyReadWords:
    common: str = word_list()
    explanations: str = word_list("word", "explanation")
    # Single-word swaps safe in every use (easy_read/draft.py Drafter.safe_swaps)
    swaps: str = word_list("word", "plainer", default="words/easy-read-swaps.tsv")


@dataclass(frozen=True, kw_only=True)
class EasyReadBudget:
    # name -> regular expression: rows a cut keeps before background (easy_read/budget.py)
    resident: dict[str, str] = field(default_factory=dict)
    duties: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for table, patterns in (("resident", self.resident), ("duties", self.duties)):
            for name, regex in patterns.items():
                try:
                    re.compile(regex)
                except re.error as error:
                    raise Invalid(f"budget.{table}", name, regex,
                                  f"a regular expression ({error})") from None


@dataclass(frozen=True, kw_only=True)
class EasyReadSettings:
    page: Page
    fonts: Fonts
    text: EasyReadText
    pictures: EasyReadPictures
    limits: EasyReadLimits
    words: EasyReadWords
    budget: EasyReadBudget = EasyReadBudget()


@dataclass(frozen=True, kw_only=True)
class Engine:
    # hibari: the optional neural voice (audio/engines.py HibariEngine, extra [neural])
    name: Literal["auto", "espeak-ng", "pyttsx3", "hibari"]
    voice: str = nonempty()
    rate_wpm: int = number(80, 450)
    pitch: int = number(0, 99)
    volume: int = number(0, 100)
    timeout_seconds: float = number(1, 86400, default=600)


@dataclass(frozen=True, kw_only=True)
class Speech:
    footnotes: Literal["end", "skip"] = "end"
    read_alt_text: bool = True


@dataclass(frozen=True, kw_only=True)
class Pauses:
    lead_in_ms: int = number(0, 10000)
    tail_ms: int = number(0, 10000)
    after_heading_ms: int = number(0, 10000)
    between_paragraphs_ms: int = number(0, 10000)
    between_sentences_ms: int = number(0, 10000, default=250)
    between_list_items_ms: int = number(0, 10000)
    between_table_cells_ms: int = number(0, 10000)
    between_announcement_lines_ms: int = number(0, 10000, default=800)


@dataclass(frozen=True, kw_only=True)
class Mastering:
    loudness_lufs: float = number(-40, -5)
    true_peak_dbtp: float = number(-12, 0)
    sample_rate: Literal[22050, 32000, 44100, 48000]
    bitrate_kbps: int = number(32, 320)


@dataclass(frozen=True, kw_only=True)
class Captions:
    max_lines: int = number(1, 4, default=2)
    max_line_chars: int = number(20, 80, default=42)
    max_cue_seconds: float = number(1, 30, default=7.0)
    min_cue_seconds: float = number(0, 5, default=1.0)
    seconds_per_word: float = number(0, 2, default=0.3)


@dataclass(frozen=True, kw_only=True)
class Verify:
    max_wer: float = number(0, 1, default=0.4)  # word error rate a chapter may have


@dataclass(frozen=True, kw_only=True)
class AudioSettings:
    engine: Engine
    speech: Speech
    pauses: Pauses
    mastering: Mastering
    captions: Captions = Captions()
    verify: Verify = Verify()


register("converter", ConverterSettings)
register("plain-english", PlainEnglishSettings)
register("easy-read", EasyReadSettings)
register("audio", AudioSettings)


