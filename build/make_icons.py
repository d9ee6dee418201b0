"""Make the app's icons (.ico for Windows, .icns for macOS, .png for Linux) from one SVG.

    python build/make_icons.py [--svg resources/icons/app.svg] [--out dist/build-support]

One source (``resources/icons/app.svg``, the same drawing the running app uses
for its window icon) so the installer, the taskbar and the Dock never disagree.
Qt's SVG renderer (already a dependency) rasterises each size crisply; Pillow
(a matplotlib dependency) writes the multi-size ICO and the ICNS on any
platform, so the icons can be checked on Linux before a Windows or macOS build.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)
ICNS_SIZE = 1024  # Pillow derives the 16-512 px (and @2x) members from it
PNG_SIZE = 512


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, transparent background, as PNG bytes."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def make_icons(svg: Path, out: Path) -> dict[str, Path]:
    """Write app.ico, app.icns and app.png into ``out``; returns them by suffix."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    big = Image.open(io.BytesIO(render_png(svg, ICNS_SIZE))).convert("RGBA")
    written = {"png": out / "app.png", "ico": out / "app.ico", "icns": out / "app.icns"}
    Image.open(io.BytesIO(render_png(svg, PNG_SIZE))).save(written["png"])
    # Each ICO member drawn from the vector at its own size (sharper than downscaling).
    members = [Image.open(io.BytesIO(render_png(svg, size))).convert("RGBA") for size in ICO_SIZES]
    members[-1].save(
        written["ico"],
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=members[:-1],
    )
    big.save(written["icns"], format="ICNS")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=ROOT / "resources" / "icons" / "app.svg")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "build-support")
    args = parser.parse_args()
    for path in make_icons(args.svg, args.out).values():
        print(path)


if __name__ == "__main__":
    main()
