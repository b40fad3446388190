"""Send a build's stale units to the workers, wait for them, and hand their files back.

Used by `converter build --broker URL --cache DIR` in place of the local runner: the
pipeline still finds the stale formats, then records and commits the results with its one
journal, so the manifest is the one a local build writes.

A unit is a whole format of a document, except the audio: each of its tracks (a chapter's
speech and mastering, the expensive part) is a task of its own, and the submitter then
assembles the playlist and the full-length file with the audio format's own code.
Each format is a "flow", a generator that yields the tasks it needs next and returns its
FormatResult; `_Scheduler` sends the tasks of every flow, polls them and resumes a flow
when all of its tasks are done.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from converter.distributed.cache import cached, load_result, load_track, track_key, unit_key
from converter.errors import ConverterError
from converter.formats import requirements
from converter.formats.base import FormatResult
from converter.pipeline.build import _requirement

POLL_S = 0.1
ATTEMPTS = 2  # a task that fails twice fails the document


@dataclass(frozen=True)
class Remote:
    broker: str
    cache: Path
    connect_timeout_s: float
    task_timeout_s: float
    visibility_timeout_s: float


@dataclass
class Task:
    """One unit to build on a worker (or take from the cache)."""

    key: str
    payload: dict[str, Any]
    label: str  # what it is, in messages: "plain-english", "audio 'Contact us'"
    done: Callable[[Path, bool], None]  # (cache folder, made by a worker in this build)
    force: bool = False


Flow = Generator[list[Task], list[Path], FormatResult]


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
    from converter.distributed.app import make_app

    check_broker(remote)
    app = make_app(remote.broker, connect_timeout=remote.connect_timeout_s,
                   visibility_timeout=remote.visibility_timeout_s)

    def run(document, options, stale, formats, doc_dir: Path) -> list[FormatResult]:
        done: dict[str, FormatResult] = {}
        waiting = list(stale)
        while waiting:  # a format that requires another waits for it (the EPUB, the audio)
            names = {item[0] for item in waiting}
            ready = [item for item in waiting if not names & set(requirements(item[0]))]
            for item in ready:
                item[3].required = {r: _requirement(r, done, formats, doc_dir)
                                    for r in requirements(item[0])}
            scheduler = _Scheduler(app, remote, document.id, options.progress)
            done.update(scheduler.run({item[0]: _flow(remote, item, options.progress)
                                       for item in ready}))
            waiting = [item for item in waiting if item not in ready]
        return [done[item[0]] for item in stale]

    return run


def _flow(remote: Remote, item, progress) -> Flow:
    return _audio_flow(remote, item, progress) if item[0] == "audio" else _format_flow(
        remote, item, progress)


def _context_fields(context) -> dict[str, Any]:
    return {"document": context.document, "style": context.style, "current": context.current,
            "previous": context.previous, "source_dir": context.source_dir,
            "jobs": context.jobs, "force": context.force, "required": context.required}


def _format_flow(remote: Remote, item, progress) -> Flow:
    """A whole format as one task."""
    from converter.distributed.app import pack

    name, _, inputs, context = item
    doc_id = context.document.id

    def done(folder: Path, made_here: bool) -> None:
        progress(f"{doc_id}: {name} " + ("done on a worker" if made_here
                                          else "taken from the shared cache"))

    key = unit_key(name, inputs)
    if context.force or not cached(remote.cache, key):
        progress(f"{doc_id}: {name} sent to the workers")
    [folder] = yield [Task(key, {"name": name, "key": key, "cache": str(remote.cache),
                                 "force": context.force,
                                 "context": pack(_context_fields(context))},
                           name, done, context.force)]
    return load_result(folder, context.staging)


def _audio_flow(remote: Remote, item, progress) -> Flow:
    """The audio: each chapter's track is a task, then the announcement (it says how long
    the chapters last), then the playlist and full-length file here, as a local build."""
    audio, context = item[1], item[3]
    with audio.session(context) as job:
        started = time.monotonic()
        tracks = audio.chapter_tracks(job)
        results = yield from _track_tasks(remote, audio, job, tracks, started, progress)
        announcement = audio.announcement_track(job, results)
        results.update((yield from _track_tasks(remote, audio, job, [announcement], started,
                                                progress)))
        return audio.assemble(job, [announcement, *tracks], results)


def _track_tasks(remote: Remote, audio, job, tracks, started: float, progress):
    from converter.distributed.app import pack

    context = job.context
    results, todo = audio.kept_tracks(job, tracks)
    sent = [track for track in todo
            if context.force or not cached(remote.cache, track_key(track))]
    if sent:
        kept = f" ({len(results)} kept from the last build)" if results else ""
        progress(f"{context.document.id}: audio: {len(sent)} track(s) sent to the "
                 f"workers{kept}")
    fields = pack(_context_fields(context))
    tasks = []
    for track in todo:
        def done(folder: Path, made_here: bool, track=track) -> None:
            result = load_track(folder, context.staging, made_here)
            results[track.unit] = result
            progress(audio.track_done(job, track, result, started)
                     + (" on a worker" if made_here else ", from the shared cache"))

        key = track_key(track)
        tasks.append(Task(key, {"name": "audio", "key": key, "cache": str(remote.cache),
                                "force": context.force, "context": fields,
                                "track": pack(track)},
                          f"audio '{track.title}'", done, context.force))
    yield tasks
    return results


@dataclass
class _Sent:
    task: Task
    flow: str
    index: int
    handle: Any  # celery AsyncResult
    attempt: int


class _Scheduler:
    """Sends the tasks of several flows, polls them, resumes each flow when its tasks are
    done. One retry a task; a broker fault, a second failure or no progress for
    `task_timeout_s` is one clear error (the pipeline then keeps the last good outputs)."""

    def __init__(self, app, remote: Remote, doc_id: str,
                 progress: Callable[[str], None]) -> None:
        self.app, self.remote, self.doc_id, self.progress = app, remote, doc_id, progress
        self.sent: list[_Sent] = []
        self.tasks: dict[str, list[Task]] = {}
        self.folders: dict[str, list[Path | None]] = {}
        self.finished: dict[str, FormatResult] = {}
        self.flows: dict[str, Flow] = {}
        self.last_progress = time.monotonic()
        self.broker_lost = False

    def run(self, flows: dict[str, Flow]) -> dict[str, FormatResult]:
        self.flows = flows
        try:
            for name in flows:
                self._resume(name, None)
            while self.sent:
                time.sleep(POLL_S)
                self._poll()
            return self.finished
        finally:
            for sent in [] if self.broker_lost else self.sent:
                with contextlib.suppress(Exception):  # failing: the tasks are not needed
                    sent.handle.revoke()
            for flow in flows.values():
                flow.close()  # a failed build's audio scratch folder goes

    def _resume(self, name: str, folders: list[Path] | None) -> None:
        try:
            tasks = self.flows[name].send(folders)
        except StopIteration as stop:
            self.finished[name] = stop.value
            return
        self.tasks[name], self.folders[name] = tasks, [None] * len(tasks)
        for index, task in enumerate(tasks):
            folder = None if task.force else cached(self.remote.cache, task.key)
            if folder:
                self._finish(name, index, folder, made_here=False)
            else:
                self.sent.append(_Sent(task, name, index, self._send(task), 1))
        self._check_complete(name)

    def _check_complete(self, name: str) -> None:
        folders = self.folders[name]
        if all(folder is not None for folder in folders) and not any(
                sent.flow == name for sent in self.sent):
            self._resume(name, folders)

    def _finish(self, name: str, index: int, folder: Path, made_here: bool) -> None:
        self.folders[name][index] = folder
        self.tasks[name][index].done(folder, made_here)
        self.last_progress = time.monotonic()

    def _poll(self) -> None:
        for sent in list(self.sent):
            task = sent.task
            try:
                ready = sent.handle.ready()
                failed = ready and sent.handle.failed()
                reason = _reason(sent.handle) if failed else ""
            except Exception as error:  # noqa: BLE001 - any broker fault is one line
                raise self._lost(error) from None
            if not ready:
                continue
            if failed:
                if sent.attempt >= ATTEMPTS:
                    failure = ConverterError(
                        f"{self.doc_id}: {task.label} failed twice on the workers "
                        f"({reason}); the last good outputs are kept.")
                    failure.exit_code = worker_exit_code(sent.handle)
                    raise failure
                self.progress(f"{self.doc_id}: {task.label} failed on a worker ({reason}); "
                              "sending it again")
                sent.handle, sent.attempt = self._send(task), sent.attempt + 1
                continue
            self.sent.remove(sent)
            folder = cached(self.remote.cache, task.key)
            if folder is None:
                raise ConverterError(
                    f"{self.doc_id}: {task.label} finished but its result is not in "
                    f"{self.remote.cache}: do the workers share this folder?")
            self._finish(sent.flow, sent.index, folder, made_here=True)
            self._check_complete(sent.flow)
        if self.sent and time.monotonic() - self.last_progress > self.remote.task_timeout_s:
            waiting = ", ".join(sent.task.label for sent in self.sent[:3])
            raise ConverterError(
                f"{self.doc_id}: no unit finished on the workers for "
                f"{self.remote.task_timeout_s:g} s (waiting for {waiting}; are any workers "
                "running?); the last good outputs are kept.")

    def _send(self, task: Task):
        try:
            from converter.distributed.app import TASK

            return self.app.send_task(TASK, args=[task.payload])
        except Exception as error:  # noqa: BLE001 - any broker fault is one line
            raise self._lost(error) from None

    def _lost(self, error: Exception) -> ConverterError:
        self.broker_lost = True  # nothing more is sent to it, not even a revoke
        return ConverterError(f"Lost the broker {self.remote.broker} while building "
                              f"{self.doc_id} ({type(error).__name__}: {error}); the last "
                              "good outputs are kept.")


def worker_exit_code(handle) -> int:
    """The exit code a local build would give for the worker's error: 2 for bad input or a
    tool's broken output (InputError, ToolOutputError), else 1. Celery hands the error back
    rebuilt from its class name, so the name is what is matched."""
    from converter import errors

    error = handle.result
    known = getattr(errors, type(error).__name__, None)
    if isinstance(known, type) and issubclass(known, errors.ConverterError):
        return known.exit_code
    return 1


def _reason(handle) -> str:
    error = handle.result
    return f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else str(error)
