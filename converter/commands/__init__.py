"""CLI commands that are more than a few lines, one module per topic."""
