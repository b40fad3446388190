"""Orchestration: what is stale, building into staging, atomic commit, the manifest."""
