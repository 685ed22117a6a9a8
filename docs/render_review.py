"""Render one page of a review copy as LibreOffice lays it out, with its comments in the margin.

    python docs/render_review.py REVIEW.docx PAGE OUT.png

LibreOffice renders the page (tracked changes in colour, as Writer shows
them) through ``soffice --convert-to pdf`` and ``pdftoppm``. Debian 12's
LibreOffice 7.4 cannot put comments in the PDF's margin (the
``ExportNotesInMargin`` export option arrived in 7.6), so the comments are
exported as PDF annotations instead, each at the point where Writer
anchored it; this script reads those annotations from the PDF and draws
each comment's text in a margin beside the page, level with its anchor,
the way Word's review pane shows them. Nothing here is used by ncnd-check
itself: it makes the picture in README.md.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

DPI = 100
MARGIN = 430
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
EXPORT = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def to_pdf(docx: Path, folder: Path) -> Path:
    profile = folder / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", EXPORT, "--outdir", str(folder), str(docx)],
        check=True, capture_output=True, timeout=300,
    )
    return folder / f"{docx.stem}.pdf"


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}


def _refs(text: bytes) -> list[int]:
    return [int(x) for x in re.findall(rb"(\d+) 0 R", text)]


def _pdf_string(raw: bytes) -> str:
    raw = raw.strip()
    if raw.startswith(b"<"):
        data = bytes.fromhex(raw[1:-1].decode())
        return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")
    return raw[1:-1].decode("latin-1").replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\")


def page_comments(pdf: bytes, page: int) -> list[tuple[float, float, str]]:
    """(x, y from the top, text) of each comment annotation on page ``page`` (1-based)."""
    objs = _objects(pdf)
    pages_root = next(o for o in objs.values() if re.search(rb"/Type\s*/Pages\b", o) and b"/Parent" not in o)
    kids = _refs(re.search(rb"/Kids\s*\[(.*?)\]", pages_root, re.S).group(1))
    leaf = objs[kids[page - 1]]
    annots = re.search(rb"/Annots\s*\[(.*?)\]", leaf, re.S)
    height = float(re.search(rb"/MediaBox\s*\[\s*[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)", leaf).group(1))
    out = []
    for ref in _refs(annots.group(1)) if annots else []:
        a = objs.get(ref, b"")
        if not re.search(rb"/Subtype\s*/Text\b", a):
            continue
        rect = [float(v) for v in re.search(rb"/Rect\s*\[([^\]]*)\]", a).group(1).split()]
        contents = re.search(rb"/Contents\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))", a, re.S)
        out.append((rect[0], height - rect[3], _pdf_string(contents.group(1)) if contents else ""))
    return sorted(out, key=lambda c: (c[1], c[0]))


def render(docx: Path, page: int, out: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    folder = Path(tempfile.mkdtemp(prefix="ncnd-render-"))
    try:
        pdf = to_pdf(docx, folder)
        subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png", str(pdf), str(folder / "page")],
                       check=True, capture_output=True)
        png = next(folder.glob("page*.png"))
        comments = page_comments(pdf.read_bytes(), page)
        page_img = Image.open(png).convert("RGB")
        w, h = page_img.size
        canvas = Image.new("RGB", (w + MARGIN, h), "#f1f1f1")
        canvas.paste(page_img, (0, 0))
        draw = ImageDraw.Draw(canvas)
        font = ImageFont.truetype(FONT, 12)
        bold = ImageFont.truetype(FONT.replace("Sans.ttf", "Sans-Bold.ttf"), 12)
        scale = DPI / 72
        next_top = 10
        boxes = []
        for x, y, text in comments:
            head, _, rest = text.partition(": ")
            lines = []
            for para in rest.splitlines():
                lines += textwrap.wrap(para, 58) or [""]
            if len(lines) > 7:
                lines = lines[:7]
                lines[-1] = lines[-1][:54] + " …"
            boxes.append((x * scale, y * scale, head, lines))
        placed = []
        for ax, ay, head, lines in boxes:
            box_h = 22 + 16 * len(lines)
            top = max(next_top, ay - 10)
            placed.append((ax, ay, head, lines, top, box_h))
            next_top = top + box_h + 8
        if next_top > h:
            taller = Image.new("RGB", (w + MARGIN, int(next_top) + 10), "#f1f1f1")
            taller.paste(canvas, (0, 0))
            canvas, draw = taller, ImageDraw.Draw(taller)
        for ax, ay, head, lines, top, box_h in placed:
            left = w + 12
            draw.line([(ax, ay + 6), (w - 4, ay + 6), (left, top + 10)], fill="#c9a227", width=1)
            draw.rounded_rectangle([left, top, w + MARGIN - 12, top + box_h], 6, fill="#fdf8e6", outline="#c9a227")
            draw.text((left + 8, top + 5), "ncnd-check  " + head, font=bold, fill="#5a4500")
            for i, line in enumerate(lines):
                draw.text((left + 8, top + 22 + 16 * i), line, font=font, fill="#222222")
        canvas.save(out, optimize=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    render(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
