"""Typed style settings: every bad value in styles/ stops a command with exit 2 and one line
naming the file and the key; good files give frozen, typed objects."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from conftest import STYLES

from converter.config import Style
from converter.errors import InputError
from converter.settings.schema import number, register


def styles_copy(tmp_path: Path) -> Path:
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    return styles


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is not in {path.name}: the test needs updating"
    path.write_text(text.replace(old, new, 1), "utf-8")


def policy(tmp_path: Path) -> Path:
    source = tmp_path / "policy.md"
    source.write_text("# Policy\n\n## Homes\n\nWe build homes.\n", encoding="utf-8")
    return source


# (file, old text, new text, the key the message must name, a word of what is allowed)
BAD_VALUES = [
    ("easy-read.toml", "body_pt = 18", 'body_pt = "18"', "[text] body_pt", "14 to 72"),
    ("easy-read.toml", 'colour = "#000000"', 'colour = "black"', "[text] colour", "#RRGGBB"),
    ("easy-read.toml", "max_words_per_sentence = 15", "max_words_per_sentence = 0",
     "[limits] max_words_per_sentence", "3 to 40"),
    ("easy-read.toml", "line_spacing = 1.5", "line_spacing = true", "[text] line_spacing",
     "1 to 3"),
    ("easy-read.toml", 'library = "pictures"', 'library = "no-such-folder"',
     "[pictures] library", "no such folder"),
    ("easy-read.toml", 'common = "words/common-words.txt"', 'common = "../../etc/passwd"',
     "[words] common", "inside the style folder"),
    ("audio.toml", 'name = "auto"', 'name = "festival"', "[engine] name", '"espeak-ng"'),
    ("audio.toml", "rate_wpm = 160", "rate_wpm = 1600", "[engine] rate_wpm", "80 to 450"),
    ("audio.toml", "read_alt_text = true", 'read_alt_text = "yes"', "[speech] read_alt_text",
     "true or false"),
    ("audio.toml", "[pauses]", "[pause]", "[pauses] section", "missing"),
    ("plain-english.toml", 'passive-voice = "warning"', 'passive-voice = "loud"',
     "[severity] passive-voice", '"off"'),
    ("plain-english.toml", "error_words = 35", "error_words = 20",
     "[long_sentence] error_words", "at least warning_words"),
    ("plain-english.toml", "max_fk_grade = 8.0\n", "", "[thresholds] max_fk_grade", "missing"),
    ("converter.toml", 'split_level = "auto"', "split_level = 12", "[chapters] split_level",
     '"auto"'),
    ("audio.toml", "sample_rate = 44100", "sample_rate = 44100.0", "[mastering] sample_rate",
     "44100"),
    ("easy-read.toml", "body_pt = 18", "body_pt = nan", "[text] body_pt", "14 to 72"),
    ("braille.toml", 'table = "en-ueb-g2.ctb"', 'table = "../../tables/x"', "[translation] table",
     "a liblouis table file name"),
    ("braille.toml", "pef = true", "pef = 1", "[files] pef", "true or false"),
    ("fetch.toml", "max_file_mb = 20", 'max_file_mb = "20"', "[package] max_file_mb",
     "0.1 to 10000"),
]


@pytest.mark.parametrize("name,old,new,key,allowed", BAD_VALUES,
                         ids=[f"{case[0]}:{case[3]}" for case in BAD_VALUES])
def test_bad_style_value_gives_exit_2_and_one_line(tmp_path, cli, name, old, new, key,
                                                   allowed):
    styles = styles_copy(tmp_path)
    edit(styles / name, old, new)
    result = cli("build", policy(tmp_path), "--output", tmp_path / "out", "--formats",
                 "plain-english", "--styles", styles)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and key in lines[0] and allowed in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists(), "nothing is built with a bad style file"


WORD_LISTS = [
    ("explanations.tsv", "easy-read.toml", "[words] explanations", "columns word, explanation"),
    ("words-to-avoid.tsv", "plain-english.toml", "[words] words_to_avoid", "suggestions"),
]


@pytest.mark.parametrize("list_name,toml,key,expected", WORD_LISTS)
def test_one_column_word_list_is_refused(tmp_path, cli, list_name, toml, key, expected):
    styles = styles_copy(tmp_path)
    path = styles / "words" / list_name
    path.write_text("".join(line.split("\t")[0] + "\n"
                            for line in path.read_text("utf-8").splitlines()), "utf-8")
    result = cli("check", policy(tmp_path), "--styles", styles)
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and toml in line and key in line and expected in line, line


def test_word_list_row_without_its_columns_names_the_line(tmp_path, cli):
    styles = styles_copy(tmp_path)
    path = styles / "words" / "explanations.tsv"
    path.write_text(path.read_text("utf-8") + "lonely word with no explanation\n", "utf-8")
    result = cli("check", policy(tmp_path), "--styles", styles)
    assert result.returncode == 2
    lines = path.read_text("utf-8").splitlines()
    assert f"line {len(lines)} of that word list" in result.stderr, result.stderr


def test_missing_word_list_is_named_not_a_write_failure(tmp_path, cli):
    styles = styles_copy(tmp_path)
    (styles / "words" / "complex-words.tsv").unlink()
    result = cli("build", policy(tmp_path), "--output", tmp_path / "out", "--styles", styles)
    assert result.returncode == 2
    assert "Could not write" not in result.stderr
    assert "plain-english.toml" in result.stderr and "[words] complex_words" in result.stderr
    assert "no such file" in result.stderr


def test_check_config_file_is_validated_and_named(tmp_path, cli):
    config = tmp_path / "strict.toml"
    config.write_text('[thresholds]\nmax_fk_grade = "eight"\n', encoding="utf-8")
    result = cli("check", policy(tmp_path), "--config", config)
    assert result.returncode == 2
    assert "strict.toml" in result.stderr and "[thresholds] max_fk_grade" in result.stderr


def test_settings_are_typed_frozen_and_the_dict_view_has_defaults(tmp_path):
    styles = styles_copy(tmp_path)
    edit(styles / "audio.toml", "timeout_seconds = 600\n", "")
    edit(styles / "audio.toml", "[mastering]", "[mastering]\nstaff_note = 'kept'")
    style = Style(styles)
    audio = style.typed("audio")
    assert audio.engine.timeout_seconds == 600 and audio.pauses.lead_in_ms == 750
    assert audio.pauses.between_announcement_lines_ms == 800
    with pytest.raises(dataclasses.FrozenInstanceError):
        audio.engine.rate_wpm = 10  # type: ignore[misc]
    view = style.settings("audio")
    assert view["engine"]["timeout_seconds"] == 600, "defaults are filled in for dict readers"
    assert view["mastering"]["staff_note"] == "kept", "unknown keys stay visible"
    assert style.typed("easy-read").text.body_pt == 18
    assert style.split_level() is None


@dataclasses.dataclass(frozen=True, kw_only=True)
class ExampleText:
    body_pt: float = number(16, 72, default=18)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ExampleSettings:
    text: ExampleText


def test_a_new_style_file_registers_with_one_schema(tmp_path):
    register("example-format", ExampleSettings)
    styles = styles_copy(tmp_path)
    (styles / "example-format.toml").write_text("[text]\nbody_pt = 12\n", "utf-8")
    with pytest.raises(InputError, match=r"example-format.toml: \[text\] body_pt must be a "
                                         r"number from 16 to 72, not 12"):
        Style(styles).typed("example-format")
    (styles / "example-format.toml").write_text("[text]\n", "utf-8")
    assert Style(styles).typed("example-format").text.body_pt == 18
