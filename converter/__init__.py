"""converter: accessible formats from master policy documents."""

__version__ = "0.1.0"
