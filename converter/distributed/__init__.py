"""Builds spread over machines: each stale unit is a Celery task on a Redis broker.

`cache.py` stores a unit's result under the hash of its inputs in a shared folder, `app.py`
makes the Celery app and its one task, and `submit.py` sends a build's stale units, waits for
them and hands their files back to the pipeline, which commits them with the same journal
as a local build. Needs the optional extra `[distributed]` (celery, redis).
"""
