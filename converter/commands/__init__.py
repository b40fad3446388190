"""Command-line commands with more than a few lines, each registered from converter/cli.py.

A command parses options, loads documents through the pipeline, calls a format's pure
functions and reports; the formats never import click, the readers or the pipeline.
"""
