"""CLI commands that live outside converter/cli.py, each module registered there by one line."""
