"""CLI commands that live in their own modules, registered from converter/cli.py."""
