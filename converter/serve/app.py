"""The Flask app of `converter serve`: find a document, check its formats, download or email
the resident's package.

Safe by default: the only files it reads are those the manifest lists as resident files,
through the same confined-path gate as `fetch` (converter.pipeline.paths); ids and formats
from the address are checked against the manifests (unknown -> 404, never a file path);
the email form carries a CSRF token; every error is a page, never a traceback.
"""

from __future__ import annotations

import difflib
import hmac
import logging
import re
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from flask import Flask, Response, abort, request, send_file, session
from werkzeug.exceptions import HTTPException

from converter.config import Style
from converter.errors import ConverterError, InputError
from converter.formats import FORMAT_MODULES, get_format
from converter.formats.base import label_of, role_of
from converter.pipeline.freshness import document_state
from converter.pipeline.library import documents, fetch
from converter.pipeline.paths import UnsafePathError, confined
from converter.serve import mail, pages
from converter.slug import is_safe_id

LOG = logging.getLogger("converter.serve")
PART = re.compile(r"-part-(\d+)-of-(\d+)\.zip$")


def words(text: str) -> list[str]:
    return [word for word in re.split(r"[^\w]+", text.lower()) if word]


def search(manifests: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Documents whose title or id holds every word of `query`, forgiving case and small
    typos (difflib's ratio of at least 0.75: one wrong letter in a word of five or more)."""
    wanted = words(query)
    if not wanted:
        return manifests
    found = []
    for manifest in manifests:
        document = manifest["document"]
        have = words(document["title"]) + words(document["id"])
        if all(any(word in candidate for candidate in have)
               or difflib.get_close_matches(word, have, n=1, cutoff=0.75) for word in wanted):
            found.append(manifest)
    return found


def create_app(output_dir: Path, style: Style) -> Flask:
    app = Flask(__name__)
    # A fresh key each start: tokens and sessions do not outlive the server.
    app.config.update(SECRET_KEY=secrets.token_bytes(32), SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Strict", MAX_CONTENT_LENGTH=64 * 1024)
    output_dir = Path(output_dir).resolve()  # send_file reads relative paths from the app

    def manifest_of(doc_id: str) -> dict[str, Any]:
        if not is_safe_id(doc_id):
            abort(404)
        for manifest in documents(output_dir):
            if manifest["document"]["id"] == doc_id:
                return manifest
        abort(404)

    def csrf_token() -> str:
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        return session["csrf"]

    def state_of(manifest: dict[str, Any]):
        return document_state(manifest, output_dir, style, None, None)

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
        return response

    @app.get("/")
    def home():
        manifests = sorted(documents(output_dir), key=lambda m: m["document"]["title"].lower())
        query = request.args.get("q", "")[:200]
        return pages.home(search(manifests, query), query, len(manifests))

    @app.get("/d/<doc_id>")
    def document(doc_id: str):
        manifest = manifest_of(doc_id)
        return pages.document_page(manifest, state_of(manifest), csrf_token())

    @app.get("/d/<doc_id>/file/<path:relative>")
    def resident_file(doc_id: str, relative: str):
        """A resident file named exactly as in the manifest (audio for the players, PDFs to
        view inline); anything else is 404."""
        manifest = manifest_of(doc_id)
        for name, entry in manifest["formats"].items():
            if name not in FORMAT_MODULES:
                continue
            for item in entry["files"]:
                if item["path"] == relative and role_of(get_format(name), item["role"]).resident:
                    try:
                        path = confined(output_dir / doc_id, item["path"], "manifest")
                    except UnsafePathError:
                        abort(404)
                    if not path.is_file():
                        abort(404)
                    return send_file(path, conditional=True)
        abort(404)

    @app.get("/d/<doc_id>/<format_name>.zip")
    def package(doc_id: str, format_name: str):
        manifest = manifest_of(doc_id)
        if format_name not in FORMAT_MODULES or format_name not in manifest["formats"]:
            abort(404)
        part = request.args.get("part", "")
        if part and not part.isdigit():
            abort(404)
        title = manifest["document"]["title"]
        label = label_of(get_format(format_name))
        work = Path(tempfile.mkdtemp(prefix="converter-serve-"))
        try:
            try:
                result = fetch(output_dir, doc_id, format_name, work, style, as_zip=True)
            except InputError as error:
                return pages.problem_page(title, f"{label} package not available",
                                          str(error), f"/d/{quote(doc_id)}"), 404
            except ConverterError as error:  # stale, needs review, damaged: 409 Conflict
                return pages.problem_page(
                    title, f"The {label} package cannot be sent", str(error).replace(
                        "To send this copy anyway, add --allow-stale.",
                        "Ask the team who look after the document to rebuild it.").replace(
                        "or send it as a draft with --draft.", "then try again."),
                    f"/d/{quote(doc_id)}"), 409
            zips = result.written
            if len(zips) > 1 and not part:
                links = [(f"/d/{quote(doc_id)}/{format_name}.zip?part={n}", path.name,
                          path.stat().st_size) for n, path in enumerate(zips, start=1)]
                return pages.parts_page(title, label, links)
            index = int(part or 1)
            if not 1 <= index <= len(zips):
                abort(404)
            chosen = zips[index - 1]
            response = send_file(chosen.open("rb"), mimetype="application/zip",
                                 as_attachment=True, download_name=chosen.name)
            response.call_on_close(lambda: shutil.rmtree(work, ignore_errors=True))
            work = None
            return response
        finally:
            if work is not None:
                shutil.rmtree(work, ignore_errors=True)

    @app.post("/d/<doc_id>/send")
    def send(doc_id: str):
        manifest = manifest_of(doc_id)
        given = request.form.get("csrf", "")
        expected = session.get("csrf", "")
        if not expected or not hmac.compare_digest(given, expected):
            return pages.problem_page(
                "Form expired", "The form has expired",
                "This form was not sent from this page, or it is too old. Open the document "
                "again and send it from there.", f"/d/{quote(doc_id)}"), 400
        format_name = request.form.get("format", "")
        if format_name not in FORMAT_MODULES or format_name not in manifest["formats"]:
            abort(404)
        label = label_of(get_format(format_name))
        title = manifest["document"]["title"]
        chapters = request.form.get("chapters", "").strip() or None
        work = Path(tempfile.mkdtemp(prefix="converter-serve-"))
        try:
            address = mail.check_address(request.form.get("address", ""))
            mail.smtp_settings(style)
            result = fetch(output_dir, doc_id, format_name, work, style, as_zip=True,
                           chapters=chapters, limit=mail.zip_limit(style))
            sent = mail.send_parts(style, address, title, label, result.written)
        except ConverterError as error:
            status = 409 if not isinstance(error, InputError) else 400
            return pages.document_page(manifest, state_of(manifest), csrf_token(),
                                       error=str(error)), status
        finally:
            shutil.rmtree(work, ignore_errors=True)
        # The address is not logged or kept: only what was sent, when and how big.
        LOG.info("sent document=%s format=%s chapters=%s emails=%d bytes=%d", doc_id,
                 format_name, chapters or "all", len(result.written), sent)
        emails = len(result.written)
        message = (f"Sent {title} in {label} as {emails} email{'s' if emails > 1 else ''} "
                   f"({sent / 1_000_000:.1f} MB). The address was not kept."
                   + "".join(f" Note: {warning.rstrip('.')}." for warning in result.warnings))
        return pages.document_page(manifest, state_of(manifest), csrf_token(), message=message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        reasons = {404: "There is no such page or document. Check the address, or find the "
                        "document from the list.",
                   405: "This page cannot be used that way.",
                   413: "What was sent is too large."}
        text = reasons.get(error.code or 500, error.description or "Something went wrong.")
        return pages.problem_page(error.name, error.name, text), error.code

    @app.errorhandler(Exception)
    def any_error(error: Exception):
        LOG.error("internal error: %s: %s", type(error).__name__, error)
        return pages.problem_page("Something went wrong", "Something went wrong",
                                  "The page could not be made. Try again; if it keeps "
                                  "happening, tell the team who run this service."), 500

    return app
