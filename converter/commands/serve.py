"""`converter serve`: the web page customer services use to find, check and send formats."""

from __future__ import annotations

import ipaddress
import logging

import click

from converter.commands.options import OUTPUT_OPTION, STYLES_OPTION, load_style
from converter.errors import InputError


@click.command()
@OUTPUT_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default is this computer only; another "
                   "address lets other computers on the network use it.")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True,
              help="Port to listen on.")
@STYLES_OPTION
def serve(output_dir, host, port, styles_dir):
    """Start a small web app over OUTPUT for customer services: search documents, see each
    format's state, play the audio, download a resident's package (refused when stale or
    awaiting review) or send it by email through the [smtp] settings in converter.toml."""
    try:
        from converter.serve.app import create_app
    except ImportError as error:
        raise InputError(f"converter serve needs Flask ({error.name} is missing): "
                         "pip install -e '.[serve]'") from None
    style = load_style(styles_dir)
    if not output_dir.is_dir():
        raise InputError(f"No output folder at {output_dir}. Build a document first: "
                         "converter build SOURCE")
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(f"warning: listening on {host}: other computers can reach this page. "
                   "It has no sign-in; use it only on a trusted network.", err=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    click.echo(f"Serving {output_dir} at http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    app = create_app(output_dir, style)
    app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
