"""`converter worker` and the `--broker`/`--cache` options of `converter build`."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import click

from converter.commands.options import STYLES_OPTION, load_style
from converter.errors import ConverterError, InputError

BROKER_OPTION = click.option(
    "--broker", default=None, metavar="URL",
    help="Send each stale unit to Celery workers on this Redis (redis://HOST:PORT/N).")
CACHE_OPTION = click.option(
    "--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Shared folder of unit results, keyed by the hash of their inputs (with --broker).")


def _need_celery() -> None:
    try:
        import celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError:
        raise InputError("--broker needs the optional extra: pip install "
                         "'converter[distributed]' (celery and redis).") from None


def _check_url(broker: str) -> None:
    if not broker.startswith(("redis://", "rediss://")):
        raise InputError(f"--broker must be a redis:// URL, not {broker!r}.")


def remote_runner(style, broker: str | None, cache_dir: Path | None):
    """The runner that sends a build's units to the workers, or None for a local build."""
    if broker is None:
        if cache_dir is not None:
            raise InputError("--cache is only used with --broker.")
        return None
    _check_url(broker)
    if cache_dir is None:
        raise InputError("--broker needs --cache DIR, the folder the workers share.")
    _need_celery()
    from converter.distributed.submit import Remote, runner

    settings = style.typed("converter").distributed
    return runner(Remote(broker=broker, cache=cache_dir.resolve(),
                         connect_timeout_s=settings.connect_timeout_s,
                         task_timeout_s=settings.task_timeout_s,
                         visibility_timeout_s=settings.visibility_timeout_s))


@click.command()
@click.option("--broker", required=True, metavar="URL", help="Redis broker: redis://HOST:PORT/N.")
@click.option("--cache", "cache_dir", required=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Shared folder where unit results are stored by the hash of their inputs.")
@click.option("--name", default=None, help="Worker name (default: converter-PID@HOST).")
@STYLES_OPTION
def worker(broker, cache_dir, name, styles_dir):
    """Run a build worker: take units from the broker, build them, store them in the cache.

    Tasks are acknowledged only when done, one at a time, so a worker that dies has its unit
    given to another. Stop it with Ctrl-C.
    """
    _check_url(broker)
    _need_celery()
    from converter.distributed.app import make_app
    from converter.distributed.submit import Remote, check_broker

    settings = load_style(styles_dir).typed("converter").distributed
    cache_dir.mkdir(parents=True, exist_ok=True)
    check_broker(Remote(broker, cache_dir, settings.connect_timeout_s, 0, 0))
    app = make_app(broker, connect_timeout=settings.connect_timeout_s,
                   visibility_timeout=settings.visibility_timeout_s, cache=cache_dir.resolve())
    name = name or f"converter-{os.getpid()}@{socket.gethostname()}"
    try:
        app.worker_main(["worker", "--pool", "solo", "--concurrency", "1",
                         "--without-gossip", "--without-mingle", "--loglevel", "INFO",
                         "--hostname", name])
    except SystemExit as stop:
        if stop.code not in (0, None):
            raise ConverterError(f"The worker stopped (exit {stop.code}).") from None
