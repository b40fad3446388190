"""Send a build's stale units to the workers, wait for them, and hand their files back.

Used by `converter build --broker URL --cache DIR` in place of the local runner: the
pipeline still finds the stale formats, then records and commits the results with its one
journal, so the manifest is the one a local build writes.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from converter.distributed.cache import cached, load_result, unit_key
from converter.errors import ConverterError
from converter.formats import requirements
from converter.formats.base import FormatResult
from converter.pipeline.build import _requirement

POLL_S = 0.1


@dataclass(frozen=True)
class Remote:
    broker: str
    cache: Path
    connect_timeout_s: float
    task_timeout_s: float
    visibility_timeout_s: float


def check_broker(remote: Remote) -> None:
    """Fail in one line, within the timeout, when the broker cannot be reached."""
    import redis

    try:
        client = redis.Redis.from_url(remote.broker,
                                      socket_connect_timeout=remote.connect_timeout_s,
                                      socket_timeout=remote.connect_timeout_s)
        client.ping()
        client.close()
    except (redis.exceptions.RedisError, OSError, ValueError) as error:
        raise ConverterError(f"Cannot reach the broker {remote.broker} within "
                             f"{remote.connect_timeout_s:g} s ({error}). Start redis-server "
                             "or check --broker; nothing was changed.") from None


def runner(remote: Remote):
    """A replacement for the pipeline's local runner of stale formats."""
    from converter.distributed.app import TASK, make_app

    check_broker(remote)
    app = make_app(remote.broker, connect_timeout=remote.connect_timeout_s,
                   visibility_timeout=remote.visibility_timeout_s)

    def run(document, options, stale, formats, doc_dir: Path) -> list[FormatResult]:
        done: dict[str, FormatResult] = {}
        waiting = list(stale)
        while waiting:
            names = {item[0] for item in waiting}
            ready = [item for item in waiting if not names & set(requirements(item[0]))]
            for item in ready:
                item[3].required = {r: _requirement(r, done, formats, doc_dir)
                                    for r in requirements(item[0])}
            done.update(_run_wave(app, TASK, remote, document.id, ready, options.progress))
            waiting = [item for item in waiting if item not in ready]
        return [done[item[0]] for item in stale]

    return run


def _payload(remote: Remote, item) -> dict[str, Any]:
    from converter.distributed.app import pack

    name, _, inputs, context = item
    return {"name": name, "key": unit_key(name, inputs), "cache": str(remote.cache),
            "context": pack({"document": context.document, "style": context.style,
                        "current": context.current, "previous": context.previous,
                        "source_dir": context.source_dir, "jobs": context.jobs,
                        "force": context.force, "required": context.required})}


def _run_wave(app, task: str, remote: Remote, doc_id: str, items, progress) -> dict:
    """Send each unit (or take it from the cache), then wait for all; one retry each."""
    results: dict[str, FormatResult] = {}
    pending: dict[str, tuple[Any, Any, int, float]] = {}  # name -> item, async result, try
    for item in items:
        name, _, inputs, context = item
        folder = None if context.force else cached(remote.cache, unit_key(name, inputs))
        if folder:
            results[name] = load_result(folder, context.staging)
            progress(f"{doc_id}: {name} taken from the shared cache")
            continue
        pending[name] = (item, _send(app, task, remote, item), 1, time.monotonic())
        progress(f"{doc_id}: {name} queued")
    total = len(pending)
    while pending:
        time.sleep(POLL_S)
        for name, (item, async_result, attempt, started) in list(pending.items()):
            try:
                state_ready = async_result.ready()
                failed = state_ready and async_result.failed()
            except Exception as error:  # noqa: BLE001 - any broker fault is one line
                raise ConverterError(f"Lost the broker {remote.broker} while building "
                                     f"{doc_id} ({type(error).__name__}: {error}); the last "
                                     "good outputs are kept.") from None
            if not state_ready:
                if time.monotonic() - started > remote.task_timeout_s:
                    _forget(pending)
                    raise ConverterError(
                        f"{doc_id}: {name} did not finish within "
                        f"{remote.task_timeout_s:g} s on the workers (are any running?); "
                        "the last good outputs are kept.")
                continue
            if failed:
                reason = _reason(async_result)
                if attempt < 2:
                    progress(f"{doc_id}: {name} failed on a worker ({reason}); retrying")
                    pending[name] = (item, _send(app, task, remote, item), attempt + 1,
                                     time.monotonic())
                    continue
                _forget(pending)
                raise ConverterError(f"{doc_id}: {name} failed twice on the workers "
                                     f"({reason}); the last good outputs are kept.")
            del pending[name]
            folder = cached(remote.cache, unit_key(name, item[2]))
            if folder is None:
                raise ConverterError(f"{doc_id}: {name} finished but its result is not in "
                                     f"{remote.cache}: do the workers share this folder?")
            results[name] = load_result(folder, item[3].staging)
            progress(f"{doc_id}: {name} done on a worker ({total - len(pending)}/{total})")
    return results


def _send(app, task: str, remote: Remote, item):
    return app.send_task(task, args=[_payload(remote, item)])


def _reason(async_result) -> str:
    error = async_result.result
    return f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else str(error)


def _forget(pending: dict) -> None:
    for _, async_result, _, _ in pending.values():
        with contextlib.suppress(Exception):  # best effort while failing anyway
            async_result.revoke()

