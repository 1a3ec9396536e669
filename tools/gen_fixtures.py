#!/usr/bin/env python3
"""Generate the image fixtures in core/tests/fixtures/ (committed; rerun to recreate).

Each is a tiny ID-card-like picture with "FRONT"/"BACK" and an arrow pointing up, so a
rendered PDF shows at a glance whether orientation was honoured. Variants cover what phones
and scanners produce: EXIF-rotated JPEG, progressive, grayscale and CMYK JPEG; PNG with
transparency, palette and 16-bit; lossy WEBP and lossless WEBP with transparency.
"""

from __future__ import annotations

import pathlib

from PIL import Image, ImageDraw

OUT = pathlib.Path(__file__).resolve().parent.parent / "core" / "tests" / "fixtures"


def card(label: str, color: tuple[int, int, int]) -> Image.Image:
    img = Image.new("RGB", (160, 100), (245, 245, 235))
    d = ImageDraw.Draw(img)
    d.rectangle([2, 2, 157, 97], outline=color, width=3)
    d.text((12, 40), label, fill=color)
    d.polygon([(130, 20), (145, 45), (115, 45)], fill=color)  # arrow tip at the top
    d.rectangle([126, 45, 134, 80], fill=color)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    front = card("FRONT", (20, 60, 160))
    back = card("BACK", (160, 40, 30))
    # Stored rotated 90° counter-clockwise; EXIF 6 says "rotate 90° clockwise to display".
    exif = Image.Exif()
    exif[0x0112] = 6
    front.rotate(90, expand=True).save(OUT / "front-exif6.jpg", quality=85, exif=exif.tobytes())
    front.save(OUT / "front.jpg", quality=85)
    front.save(OUT / "front-progressive.jpg", quality=85, progressive=True)
    front.convert("L").save(OUT / "front-gray.jpg", quality=85)
    front.convert("CMYK").save(OUT / "front-cmyk.jpg", quality=85)
    rgba = back.convert("RGBA")
    rgba.putalpha(Image.new("L", rgba.size, 200))
    rgba.save(OUT / "back-alpha.png")
    back.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(OUT / "back-palette.png")
    back.convert("I;16").save(OUT / "back-gray16.png")
    back.save(OUT / "back.png")
    front.save(OUT / "front.webp", quality=80)
    rgba.save(OUT / "back-alpha.webp", lossless=True)
    (OUT / "not-an-image.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    for p in sorted(OUT.iterdir()):
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
