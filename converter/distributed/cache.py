"""Content-addressed unit results in a shared folder: `<cache>/<key>/` holds `result.json`
and the unit's files. A result is written under a temporary name and renamed into place,
so a retried or duplicated task is harmless: the first rename wins, the rest are dropped."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from converter.formats import get_format
from converter.formats.base import BuildContext, FormatResult, OutputFile

RESULT = "result.json"


def unit_key(name: str, inputs_sha256: str) -> str:
    """The cache key of one unit: a format of a document, keyed by everything it reads."""
    return hashlib.sha256(f"{name}\0{inputs_sha256}".encode()).hexdigest()


def cached(cache: Path, key: str) -> Path | None:
    folder = cache / key
    return folder if (folder / RESULT).is_file() else None


def build_into_cache(cache: Path, key: str, name: str, context_fields: dict[str, Any]) -> Path:
    """Build format `name` (unless the cache has it) and store its files under `key`."""
    done = cached(cache, key)
    if done:
        return done
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / f".tmp-{key}-{uuid.uuid4().hex}"
    files = temporary / "files"
    try:
        context = BuildContext(staging=files, **context_fields)
        files.mkdir(parents=True)
        result = get_format(name).build(context)
        records = [_keep(output, files, context.current) for output in result.files]
        data = {"format": name, "facts": result.facts, "units": result.units,
                "warnings": result.warnings, "files": records}
        (temporary / RESULT).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        try:
            os.rename(temporary, cache / key)
        except OSError:
            if not cached(cache, key):  # not another worker's win: a real failure
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
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
            "extra": output.extra}


def load_result(folder: Path, staging: Path) -> FormatResult:
    """Copy a cached unit's files into the build's staging folder and describe them."""
    data = json.loads((folder / RESULT).read_text(encoding="utf-8"))
    outputs = []
    for record in data["files"]:
        target = staging / record["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "files" / record["path"], target)
        outputs.append(OutputFile(path=record["path"], role=record["role"], staged=target,
                                  unit=record["unit"], extra=record["extra"]))
    return FormatResult(files=outputs, facts=data["facts"], units=data["units"],
                        warnings=data["warnings"])
