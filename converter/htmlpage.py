"""One accessible page shell for every web page the pipeline writes (catalogue, reports).

Landmarks, a skip link, one h1, a visible focus style, and colours of at least 4.5:1
against white (WCAG 2.2 AA 1.4.3): text #0b0c0c (19.8:1), links #1d4f91 (8.6:1),
secondary text #505a5f (7.0:1).
"""

from __future__ import annotations

from html import escape

BASE_CSS = """
body { font-family: Arial, sans-serif; font-size: 1.05rem; line-height: 1.6; color: #0b0c0c;
  background: #fff; max-width: 62rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
a { color: #1d4f91; }
a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
table { border-collapse: collapse; margin: 1rem 0; }
caption { text-align: left; font-weight: bold; padding: .5rem 0; }
th, td { border: 1px solid #505a5f; padding: .4rem .6rem; text-align: left; vertical-align: top; }
.meta { color: #505a5f; font-size: .9rem; }
/* Reflow (WCAG 2.2 1.4.10): at 320 CSS px (400% zoom) tables fit without sideways scrolling. */
@media (max-width: 30rem) {
  body { padding: .5rem; }
  th, td { padding: .25rem .3rem; overflow-wrap: anywhere; }
}
"""


def page(title: str, heading: str, body: str, *, css: str = "", skip_to: str = "the content",
         footer: str = "") -> str:
    footer_html = f"<footer>{footer}</footer>\n" if footer else ""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{BASE_CSS}{css}</style>
</head>
<body>
<header><p><a href="#main">Skip to {escape(skip_to)}</a></p></header>
<main id="main">
<h1>{escape(heading)}</h1>
{body}
</main>
{footer_html}</body>
</html>
"""
