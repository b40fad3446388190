"""The Celery app and its one task: build one unit (a format, or an audio track) into the
shared cache."""

from __future__ import annotations

import base64
import pickle
from pathlib import Path
from typing import Any

from celery import Celery

TASK = "converter.build_unit"


def pack(value: Any) -> str:
    # The document model and styles travel as pickled Python objects inside the JSON
    # message: workers must trust the broker (a private Redis; see the README).
    return base64.b64encode(pickle.dumps(value)).decode("ascii")


def unpack(text: str) -> Any:
    return pickle.loads(base64.b64decode(text))  # noqa: S301 - trusted broker only


def make_app(broker: str, *, connect_timeout: float = 5.0,
             visibility_timeout: float = 300.0, cache: Path | None = None) -> Celery:
    app = Celery("converter", broker=broker, backend=broker)
    # A Redis that stops answering (a frozen host, a lost network) is an error after
    # `answer` seconds, not a hang; its own commands answer in well under a second.
    answer = max(connect_timeout, 5.0)
    transport = {"visibility_timeout": visibility_timeout,
                 "socket_connect_timeout": connect_timeout, "socket_timeout": answer,
                 "max_retries": 1}
    app.conf.update(
        task_serializer="json", result_serializer="json", accept_content=["json"],
        task_acks_late=True,  # acknowledged when done, so a lost worker's task comes back
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_transport_options=transport,
        result_backend_transport_options=transport,
        redis_socket_connect_timeout=connect_timeout,
        redis_socket_timeout=answer,
        broker_connection_timeout=connect_timeout,
        broker_connection_retry_on_startup=True,
        result_expires=86400,
        worker_hijack_root_logger=False,
        converter_cache=str(cache) if cache else None,
    )

    @app.task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True)
    def build_unit(self: Any, payload: dict[str, Any]) -> dict[str, Any]:
        from converter.distributed.cache import build_into_cache, build_track_into_cache

        cache_dir = Path(self.app.conf.converter_cache or payload["cache"])
        context, force = unpack(payload["context"]), bool(payload.get("force"))
        if "track" in payload:
            folder = build_track_into_cache(cache_dir, payload["key"], context,
                                            unpack(payload["track"]), force)
        else:
            folder = build_into_cache(cache_dir, payload["key"], payload["name"], context,
                                      force)
        return {"key": payload["key"], "folder": str(folder)}

    return app
