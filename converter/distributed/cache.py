"""Content-addressed unit results in a shared folder: `<cache>/<key>/` holds `result.json`
and the unit's files. A result is written under a temporary name and renamed into place,
so a retried or duplicated task is harmless: the first rename wins, the rest are dropped.

Two kinds of unit: a whole format of a document (the report, the Easy Read PDF, ...) and
one audio track (a chapter's MP3, transcript, timings and captions)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from converter.errors import InputError
from converter.formats import get_format
from converter.formats.base import BuildContext, FormatResult, OutputFile
from converter.hashing import sha256_file
from converter.pipeline.paths import confined, printable

RESULT = "result.json"
TRACK = "audio-track"  # the unit name of one audio track


def unit_key(name: str, inputs_sha256: str) -> str:
    """The cache key of one unit (a format of a document, or a track), keyed by
    everything it reads."""
    return hashlib.sha256(f"{name}\0{inputs_sha256}".encode()).hexdigest()


def track_key(track) -> str:
    # unit_sha256 covers the track's speech, engine, settings, tags and caption text.
    return unit_key(TRACK, track.unit_sha256)


def cached(cache: Path, key: str) -> Path | None:
    folder = cache / key
    return folder if (folder / RESULT).is_file() else None


def build_into_cache(cache: Path, key: str, name: str, context_fields: dict[str, Any],
                     force: bool = False) -> Path:
    """Build format `name` (unless the cache has it) and store its files under `key`."""
    def produce(files: Path) -> dict[str, Any]:
        context = BuildContext(staging=files, **context_fields)
        result = get_format(name).build(context)
        return {"format": name, "facts": result.facts, "units": result.units,
                "warnings": result.warnings,
                "files": [_keep(output, files, context.current) for output in result.files]}

    return _publish(cache, key, produce, force)


def build_track_into_cache(cache: Path, key: str, context_fields: dict[str, Any], track,
                           force: bool = False) -> Path:
    """Make one audio track with the audio format's own code and store it under `key`."""
    from converter.errors import ConverterError

    audio = get_format("audio")

    def produce(files: Path) -> dict[str, Any]:
        context = BuildContext(staging=files, **context_fields)
        with audio.session(context) as job:
            if not audio.same_track(job, track):
                raise ConverterError(
                    f"'{track.title}' would sound different on this worker (another speech "
                    "engine version, voice or audio settings than the submitting machine); "
                    "install the same engine and styles on every machine.")
            result = audio.make_track(job, track)
        records = [_keep(output, files, context.current) for output in result.pop("files")]
        return {"track": result, "files": records}

    return _publish(cache, key, produce, force)


def _publish(cache: Path, key: str, produce: Callable[[Path], dict[str, Any]],
             force: bool) -> Path:
    """Run `produce` into a temporary folder and rename it to `<cache>/<key>` (unless the
    cache has it already and this is not a forced rebuild)."""
    done = cached(cache, key)
    if done and not force:
        return done
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / f".tmp-{key}-{uuid.uuid4().hex}"
    aside = cache / f".old-{key}-{uuid.uuid4().hex}"
    files = temporary / "files"
    try:
        files.mkdir(parents=True)
        data = produce(files)
        (temporary / RESULT).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        if force and cached(cache, key):  # --force: this build's result replaces the old
            os.rename(cache / key, aside)
        try:
            os.rename(temporary, cache / key)
        except OSError:
            if not cached(cache, key):  # not another worker's win: a real failure
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.rmtree(aside, ignore_errors=True)
    return cache / key


def _keep(output: OutputFile, files: Path, current: Path) -> dict[str, Any]:
    # A reused chapter (staged None) is copied in, so the entry stands on its own for
    # any later build, whatever that build's last outputs are.
    target = files / output.path
    if output.staged is None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(current / output.path, target)
    elif output.staged != target:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(output.staged, target)
    return {"path": output.path, "role": output.role, "unit": output.unit,
            "extra": output.extra, "sha256": sha256_file(target)}


class DamagedCacheError(InputError):
    """A shared cache entry that does not hold what it was stored with. Exit 2."""


def _damaged(folder: Path, why: str) -> DamagedCacheError:
    return DamagedCacheError(
        f"The shared cache entry {printable(folder)} is damaged ({why}); nothing was taken "
        "from it. Delete that folder, or build again with --force to replace it.")


def _load_files(folder: Path, records: list[dict[str, Any]], staging: Path) -> list[OutputFile]:
    """Copy an entry's files into staging. The shared folder is read back like output/: each
    path must stay inside the entry and the build (the one path gate), and each file must
    still have the hash it was stored with, so a damaged or planted entry is never used."""
    outputs = []
    for record in records:
        try:
            stored = confined(folder / "files", record["path"], "shared cache entry")
            target = confined(staging, record["path"], "shared cache entry")
            if not stored.is_file() or sha256_file(stored) != record["sha256"]:
                raise _damaged(folder, f"{printable(record['path'])} does not match its hash")
            output = OutputFile(path=record["path"], role=record["role"], staged=target,
                                unit=record["unit"], extra=record["extra"])
        except (KeyError, TypeError) as error:
            raise _damaged(folder, f"{RESULT} lacks {printable(error)}") from None
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stored, target)
        outputs.append(output)
    return outputs


def _data(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / RESULT).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _damaged(folder, f"{RESULT} cannot be read: {type(error).__name__}") from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        raise _damaged(folder, f"{RESULT} is not a unit result")
    return data


def load_result(folder: Path, staging: Path) -> FormatResult:
    """Copy a cached format's files into the build's staging folder and describe them."""
    data = _data(folder)
    return FormatResult(files=_load_files(folder, data["files"], staging), facts=data["facts"],
                        units=data["units"], warnings=data["warnings"])


def load_track(folder: Path, staging: Path, made_here: bool) -> dict[str, Any]:
    """Copy a cached track's files into the audio's staging folder; its result as
    `make_track` gives it. A track taken from the cache was not synthesised for this build
    (`made_here` False), as a kept track of a local build is not."""
    data = _data(folder)
    result = data["track"]
    result["files"] = _load_files(folder, data["files"], staging)
    result["synthesised"] = result["synthesised"] and made_here
    return result
