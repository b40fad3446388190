"""StreamingDocTemplate: flowables made as reportlab asks for them give the same PDF as
the whole list made up front, headings kept with what follows them included."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph

from converter.formats.pdfdraw import StreamingDocTemplate

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=14, leading=20, spaceAfter=8)
HEADING = ParagraphStyle("heading", parent=BODY, fontName="Helvetica-Bold", fontSize=20,
                         leading=26, keepWithNext=1)


def story(made: list[int]):
    """Chains of up to five headings kept with the next paragraph, long paragraphs that
    split over pages, page breaks; counts in `made` how many were made so far."""
    for number in range(60):
        for level in range(number % 6):
            made.append(1)
            yield Paragraph(f"Heading {number}.{level}", HEADING)
        made.append(1)
        yield Paragraph(" ".join(f"word{number}x{i}" for i in range(40 + 37 * (number % 9))),
                        BODY)
        if number % 17 == 16:
            made.append(1)
            yield PageBreak()


def render(template: type, path: Path, streamed: bool, layout: list | None = None) -> bytes:
    doc = template(str(path), invariant=True, pagesize=(595, 842))
    doc.addPageTemplates([PageTemplate(id="page", frames=[Frame(50, 50, 495, 742, id="f")])])
    if layout is not None:
        doc.afterFlowable = lambda flowable: layout.append(len(made))
    made: list[int] = []
    if streamed:
        doc.build_from(story(made), canvasmaker=Canvas)
    else:
        doc.build(list(story(made)))
    return path.read_bytes()


def test_streamed_build_gives_the_same_pdf(tmp_path, monkeypatch):
    (tmp_path / "whole").mkdir()
    whole = render(BaseDocTemplate, tmp_path / "whole" / "story.pdf", streamed=False)
    for ahead in (1, 2, 16):
        monkeypatch.setattr(StreamingDocTemplate, "AHEAD", ahead)
        (tmp_path / str(ahead)).mkdir()
        assert render(StreamingDocTemplate, tmp_path / str(ahead) / "story.pdf",
                      streamed=True) == whole


def test_streamed_build_makes_flowables_as_it_goes(tmp_path, monkeypatch):
    """When the first flowable is laid out only a few are made, not the whole story."""
    monkeypatch.setattr(StreamingDocTemplate, "AHEAD", 4)
    made_when_laid_out: list[int] = []
    render(StreamingDocTemplate, tmp_path / "streamed.pdf", streamed=True,
           layout=made_when_laid_out)
    total = made_when_laid_out[-1]
    assert total > 200
    assert made_when_laid_out[0] <= 8  # the flowables made ahead, and one more
