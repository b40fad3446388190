"""converter: accessible formats from master policy documents."""

__version__ = "0.2.0"
