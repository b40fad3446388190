"""XML namespaces used by WordprocessingML and a helper to build qualified names."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
DCTERMS = "http://purl.org/dc/terms/"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wval(element, tag: str) -> str | None:
    """The w:val of a child element, or None when the child is absent."""
    if element is None:
        return None
    child = element.find(w(tag))
    return None if child is None else child.get(w("val"))


def decimal(value: str | None, tag: str, high: int) -> int | None:
    """A w:val that must be a whole number from 0 to `high`, or None when absent.

    Anything else (a superscript digit, 10^20, a sign) means the file is damaged: Word itself
    refuses it, so we stop with one line naming the value rather than guess.
    """
    if value is None or value == "":
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 6 or int(text) > high:
        from converter.errors import InputError

        shown = "".join(ch if ch.isprintable() else "?" for ch in value[:20])
        raise InputError(f"w:{tag} has the value '{shown}', which is not a number from 0 to "
                         f"{high}; the file is damaged (open it in Word and save it again).")
    return int(text)
