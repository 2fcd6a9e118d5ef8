#!/usr/bin/env python3
"""Generate the KMZB SVG icons: one white pictogram per category plus the plugin icon.

Usage: python3 scripts/make_icons.py [--out RESOURCES_DIR]

Writes ``resources/icons/<code>.svg`` for every category code in
``kmzb_store/catalogue.py``, ``resources/icons/default.svg`` (exclamation mark) and
``resources/icon.svg`` (the plugin icon).

The category pictograms sit on a 24x24 viewBox with no background: the plugin draws a
coloured circle behind them and renders them at about 3 mm, so the shapes are bold
silhouettes.  Colours use the QGIS SVG parameters (``param(fill)``, ``param(outline)``,
``param(outline-width)`` ...) so they can be changed in the QGIS symbol editor; QGIS
substitutes any attribute value starting with ``param(``, also on child elements, which is
how line work is drawn with ``stroke="param(fill) ..."``.

Standard library only, so it runs without the project's virtualenv.
"""

from __future__ import annotations

import argparse
import ast
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Fill/outline parameters QGIS looks for; defaults are white fill, no outline.
PARAMS = (
    'fill="param(fill) #ffffff" fill-opacity="param(fill-opacity) 1" '
    'stroke="param(outline) #ffffff" stroke-opacity="param(outline-opacity) 1" '
    'stroke-width="param(outline-width) 0"'
)


def _n(value: float) -> str:
    """A compact number for path data."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def line(d: str, width: float = 2.0, cap: str = "round") -> str:
    """Line work in the fill colour (so it recolours with the pictogram)."""
    return (
        f'<path d="{d}" fill="none" stroke="param(fill) #ffffff" '
        f'stroke-opacity="param(fill-opacity) 1" stroke-width="{_n(width)}" '
        f'stroke-linecap="{cap}" stroke-linejoin="round"/>'
    )


def holed(d: str) -> str:
    """A filled path whose inner sub-paths are cut out (even-odd rule)."""
    return f'<path d="{d}" fill-rule="evenodd"/>'


def circle_d(cx: float, cy: float, r: float) -> str:
    """A circle as path data, to combine with other sub-paths for cut-outs."""
    return (
        f"M{_n(cx - r)} {_n(cy)}a{_n(r)} {_n(r)} 0 1 0 {_n(2 * r)} 0"
        f"a{_n(r)} {_n(r)} 0 1 0 {_n(-2 * r)} 0Z"
    )


def ring_segments(cx: float, cy: float, r_out: float, r_in: float, n: int, gap: float) -> str:
    """An annulus cut into ``n`` segments separated by ``gap`` degrees (lifebuoy)."""
    parts = []
    step = 360 / n
    for i in range(n):
        a0 = math.radians(i * step + gap / 2 + 45)
        a1 = math.radians((i + 1) * step - gap / 2 + 45)
        large = 1 if step - gap > 180 else 0

        def pt(r: float, a: float) -> str:
            return f"{_n(cx + r * math.cos(a))} {_n(cy + r * math.sin(a))}"

        parts.append(
            f"M{pt(r_out, a0)}A{_n(r_out)} {_n(r_out)} 0 {large} 1 {pt(r_out, a1)}"
            f"L{pt(r_in, a1)}A{_n(r_in)} {_n(r_in)} 0 {large} 0 {pt(r_in, a0)}Z"
        )
    return f'<path d="{"".join(parts)}"/>'


def wave(y: float, x0: float = 2.0, x1: float = 22.0, amp: float = 1.6) -> str:
    """Path data of a wave line from x0 to x1 at height y (half-periods of 2.5 units)."""
    half = 2.5
    d = f"M{_n(x0)} {_n(y)}q{_n(half / 2)} {_n(-amp * 2)} {_n(half)} 0"
    x = x0 + half
    while x + half <= x1 + 0.01:
        d += f"t{_n(half)} 0"
        x += half
    return d


# Category code -> SVG body fragment (24x24 viewBox, drawn in the fill colour).
ICONS: dict[str, str] = {
    # illegal parking: the "P" of the parking sign
    "parkowanie": holed("M5.5 2.5H13a6 6 0 0 1 0 12h-2.5v7h-5ZM10.5 6.5v4h2.3a2 2 0 0 0 0-4Z"),
    # speeding: speedometer dial with the needle in the red zone
    "predkosc": line("M4.7 18.5A8.5 8.5 0 1 1 19.3 18.5", 2.6)
    + line("M12 14.5L17 8.5", 2.4)
    + '<circle cx="12" cy="14.5" r="2.4"/>'
    + line("M12 7.6v1.2M6.9 10l.9.8M5.5 14.5h1.2", 1.4, "butt"),
    # poor road infrastructure: a traffic cone
    "infrastruktura": '<path d="M10.3 2.5h3.4l1 4.5H9.3Z"/>'
    '<path d="M8.7 9.5h6.6l1 4.5H7.7Z"/>'
    '<path d="M7.1 16.5h9.8l.6 2.5H6.5Z"/>'
    '<rect x="3" y="19.5" width="18" height="2.5" rx="1"/>',
    # dangerous places on water: a warning triangle over waves
    "wody": holed(
        "M12 1.5L19 13H5ZM11.2 5.2h1.6l-.3 4h-1Zm.8 4.9a.9.9 0 1 0 0 1.8a.9.9 0 1 0 0-1.8Z"
    )
    + line(wave(16.5), 2.2)
    + line(wave(21), 2.2),
    # illegal car racing: chequered flag
    "rajdy": '<rect x="3.2" y="2" width="2" height="20" rx="1"/>'
    + line("M6 3.2h15v10.5H6Z", 1.2)
    + '<path d="M6 3.2h3.75v3.5H6ZM13.5 3.2h3.75v3.5H13.5Z'
    "M9.75 6.7h3.75v3.5H9.75ZM17.25 6.7H21v3.5h-3.75Z"
    'M6 10.2h3.75v3.5H6ZM13.5 10.2h3.75v3.5H13.5Z"/>',
    # vandalism: a spray can with spray dots
    "wandalizm": holed(
        "M6 11a2.5 2.5 0 0 1 2.5-2.5h3a2.5 2.5 0 0 1 2.5 2.5v10a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1Z"
    )
    + '<rect x="7.5" y="5.5" width="5" height="2.3" rx=".5"/>'
    + '<rect x="9" y="3" width="2.5" height="2" rx=".3"/>'
    + '<circle cx="15" cy="3.6" r="1"/><circle cx="18" cy="2.5" r="1"/>'
    + '<circle cx="18.2" cy="5.5" r="1"/><circle cx="21" cy="4" r="1"/>'
    + '<circle cx="21" cy="7.3" r="1"/><circle cx="16" cy="7" r="1"/>',
    # illegal dumping: a rubbish bin
    "wysypiska": holed("M9.5 2.5h5a1 1 0 0 1 1 1V5h-1.8V4.3h-3.4V5H8.5V3.5a1 1 0 0 1 1-1Z")
    + '<rect x="3.5" y="5.2" width="17" height="2.5" rx="1"/>'
    + holed(
        "M5.3 8.8h13.4l-1.3 13.2H6.6Z"
        "M8.6 11h1.5v8.5H8.6ZM11.25 11h1.5v8.5h-1.5ZM13.9 11h1.5v8.5h-1.5Z"
    ),
    # quads in forests: a rider on an ATV
    "quady": holed(circle_d(5.6, 18, 3.9) + circle_d(5.6, 18, 1.4))
    + holed(circle_d(18.4, 18, 3.9) + circle_d(18.4, 18, 1.4))
    + '<path d="M1.5 12.8h21l-1.2 2.2H2.7Z"/>'
    + '<path d="M6.5 12.8l1.5-2.6h7.5l1.5 2.6Z"/>'
    + '<circle cx="11.6" cy="3.3" r="2"/>'
    + line("M9.6 10.5l1.6-4.8l4.3 2.8", 2.3)
    + line("M16.5 11.5l1.6-3.7M17 7.6h2.6", 1.7),
    # drinking in public places: a bottle
    "alkohol": holed(
        "M10 1.5h4v1.8h-.4v4.4c2.4 1.2 3.4 2.8 3.4 4.8V21.2a.8.8 0 0 1-.8.8H7.8"
        "a.8.8 0 0 1-.8-.8V12.5c0-2 1-3.6 3.4-4.8V3.3H10Z"
        "M9 13.5h6v5H9Z"
    ),
    # poor traffic organisation: a traffic light
    "organizacja_ruchu": holed(
        "M9.5 1.5h5a2.5 2.5 0 0 1 2.5 2.5v16a2.5 2.5 0 0 1-2.5 2.5h-5A2.5 2.5 0 0 1 7 20V4"
        "a2.5 2.5 0 0 1 2.5-2.5Z"
        + circle_d(12, 6, 2.1)
        + circle_d(12, 12, 2.1)
        + circle_d(12, 18, 2.1)
    )
    + '<path d="M7 4.5H4.2L7 7.5ZM17 4.5h2.8L17 7.5Z"/>',
    # groups of minors at risk: three young people
    "malolletni": '<circle cx="12" cy="6" r="2.8"/>'
    + '<path d="M7.8 21.5v-6.7a4.2 4.2 0 0 1 8.4 0v6.7Z"/>'
    + '<circle cx="4.3" cy="9.6" r="2.1"/>'
    + '<path d="M1.5 21.5v-5.2a2.8 2.8 0 0 1 5.6 0v5.2Z"/>'
    + '<circle cx="19.7" cy="9.6" r="2.1"/>'
    + '<path d="M16.9 21.5v-5.2a2.8 2.8 0 0 1 5.6 0v5.2Z"/>',
    # stray dogs: a dog in profile
    "psy": '<path d="M4.6 10.2H14.6l1.4-4.6l.9-2.4l1.2 2.1l3.6 1.9v2.4l-3 1.1-1.2 4.5'
    '.3 6.3h-2l-.8-5.6H9l-1.1 5.6h-2l-.4-6C4.6 14.4 4.3 12.3 4.6 10.2Z"/>'
    + line("M5.2 11.2C3.4 10.4 2.6 8.6 2.8 6.6", 1.8),
    # grass burning: a flame over grass blades
    "wypalanie_traw": '<path d="M12.5 1.5c.6 3.8 5.2 5.6 5.2 10.5a5.7 5.7 0 0 1-11.4 0'
    'c0-2.6 1.3-4.3 2.6-5.3c0 2 .7 3.2 1.8 3.9c-.4-3.2.3-6.4 1.8-9.1Z"/>'
    + '<path d="M1.5 22.5L3 16.5l1.4 4.6L6 14.8l1.6 5.2l1.2-2.6l.5 2h5.4l.5-2l1.2 2.6'
    'l1.6-5.2l1.6 6.3l1.4-4.6l1.5 6Z"/>',
    # road accidents with wild animals: a deer's head with antlers
    "zwierzeta_lesne": '<path d="M9.2 10c1.8-.8 3.8-.8 5.6 0l-.9 8.2c-.3 2.4-1.2 3.6-1.9 3.6'
    's-1.6-1.2-1.9-3.6Z"/>'
    + '<path d="M9.3 10.8L5 9.6l2 3 2.5.3ZM14.7 10.8l4.3-1.2-2 3-2.5.3Z"/>'
    + line("M10.2 9.6L7.8 5.5L7.4 1.8M7.8 5.5L4.4 4.2M7.6 3.5L10 2", 1.7)
    + line("M13.8 9.6l2.4-4.1.4-3.7M16.2 5.5l3.4-1.3M16.4 3.5L14 2", 1.7),
    # unguarded track crossing: a pedestrian walking over the rails
    "przejscie_tory": '<circle cx="13.2" cy="2.9" r="2"/>'
    + line("M12.8 6.2l-1.2 5.3l-2.8 3.8M11.6 11.5l2.8 3.5M12.6 7.2l-3 2.6M12.8 7.2l2.6 2.4", 2.2)
    + '<rect x="1.5" y="17.3" width="21" height="1.3"/>'
    + '<rect x="1.5" y="20.9" width="21" height="1.3"/>'
    + '<path d="M3.5 16.3h1.6v7H3.5ZM8.5 16.3h1.6v7H8.5ZM13.9 16.3h1.6v7h-1.6Z'
    'M18.9 16.3h1.6v7h-1.6Z"/>',
    # begging: a cupped hand held out for a coin
    "zebractwo": '<circle cx="13" cy="5.6" r="3.1"/>'
    + '<rect x="1.5" y="12.2" width="3.4" height="8.6" rx=".6"/>'
    + '<path d="M5.6 13.3h11.2c1.2 0 2-.9 2.5-2.3a1.4 1.4 0 0 1 2.6.8'
    'c-.7 4.4-3.5 7.8-8.4 7.8H5.6Z"/>'
    + '<path d="M6.8 13.3c1-1.3 2.6-2.1 4.3-2.1h2.4a1.05 1.05 0 0 1 0 2.1Z"/>',
    # homeless person in need of help: a tent
    "bezdomni": holed("M12 4.2L22 20.5H2ZM12 10.5l-3.6 10h7.2Z")
    + line("M9.8 1.6L12 5.2l2.2-3.6", 1.6)
    + '<rect x="1" y="20.5" width="22" height="1.8" rx=".9"/>',
    # unofficial bathing sites: a swimmer in the waves
    "kapieliska": '<circle cx="17.6" cy="7.6" r="2.5"/>'
    + line("M3 13.3L8.5 8.3l5 3.6", 2.6)
    + line(wave(16.5), 2.2)
    + line(wave(21), 2.2),
    # destruction of greenery: a tree
    "zielen": '<circle cx="12" cy="8.2" r="6"/><circle cx="7.2" cy="11.3" r="4.1"/>'
    + '<circle cx="16.8" cy="11.3" r="4.1"/>'
    + '<path d="M10.6 13.5h2.8v6.3l2.6 2.2H8l2.6-2.2Z"/>',
    # dangerous entertainment venue: music notes
    "rozrywka": '<ellipse cx="6.5" cy="18.5" rx="3.3" ry="2.5" transform="rotate(-20 6.5 18.5)"/>'
    + '<ellipse cx="16.5" cy="16" rx="3.3" ry="2.5" transform="rotate(-20 16.5 16)"/>'
    + '<path d="M8.2 18V7L20.2 3.8V15.5h-1.8V8.1L10 10.4V18Z"/>',
    # unguarded level crossing: the steam locomotive of the A-10 road sign
    "przejazd_kolejowy": holed("M14 6.5h7v11h-7ZM15.6 8.2h3.8v3.6h-3.8Z")
    + '<rect x="13.2" y="4.8" width="8.8" height="1.9" rx=".5"/>'
    + '<path d="M3.5 10.2H14v7.3H3.5Z"/>'
    + '<path d="M4.5 5.5h4.4l-.8 1.6v3.1H5.3V7.1Z"/>'
    + '<path d="M3.5 14.5L1.5 19h2.5Z"/>'
    + '<circle cx="6.6" cy="19.6" r="2.4"/><circle cx="11.8" cy="19.6" r="2.4"/>'
    + '<circle cx="17.5" cy="19.6" r="2.4"/>',
    # illegal tree felling: an axe stuck in a tree stump
    "wycinka": '<path d="M5 13.4a7 2.6 0 0 0 14 0V20l2.5 2h-19L5 20Z"/>'
    + holed("M5 11.4a7 2.6 0 1 0 14 0a7 2.6 0 1 0-14 0ZM14.6 11.4a2.6 .9 0 1 0 .01 0Z")
    + line("M12.8 8.8L20.5 2.3", 2.2)
    + '<path d="M8.2 10.4l1.1-4.6l5.4 1.4l-1.4 4.4Z"/>',
    # drug use: a syringe
    "narkotyki": '<g transform="rotate(-45 12 12) translate(12 12) scale(1.12) translate(-12 -12)">'
    '<rect x="1.8" y="8.5" width="1.8" height="7" rx=".5"/>'
    '<rect x="3.6" y="11" width="3" height="2"/>'
    '<rect x="6.6" y="7.5" width="1.6" height="9" rx=".5"/>'
    '<rect x="8.2" y="8.8" width="8.8" height="6.4"/>'
    '<path d="M17 10.2h2v3.6h-2Z"/>'
    '<rect x="19" y="11.4" width="4.2" height="1.2"/>'
    "</g>",
    # poaching: a rifle scope crosshair
    "klusownictwo": line(circle_d(12, 12, 7.5), 2.2)
    + line("M12 1.8v6.4M12 15.8v6.4M1.8 12h6.4M15.8 12h6.4", 2.2)
    + '<circle cx="12" cy="12" r="1.4"/>',
    # animal cruelty: a paw print
    "znecanie_zwierzeta": '<path d="M12 12.2c3.6 0 6.3 3.8 6.3 6.4c0 2.1-1.6 3.3-3.4 2.7'
    'c-1.2-.4-1.9-.7-2.9-.7s-1.7.3-2.9.7c-1.8.6-3.4-.6-3.4-2.7c0-2.6 2.7-6.4 6.3-6.4Z"/>'
    + '<ellipse cx="4.6" cy="10.8" rx="2.1" ry="2.7" transform="rotate(-25 4.6 10.8)"/>'
    + '<ellipse cx="9.1" cy="5.6" rx="2.2" ry="2.9" transform="rotate(-8 9.1 5.6)"/>'
    + '<ellipse cx="14.9" cy="5.6" rx="2.2" ry="2.9" transform="rotate(8 14.9 5.6)"/>'
    + '<ellipse cx="19.4" cy="10.8" rx="2.1" ry="2.7" transform="rotate(25 19.4 10.8)"/>',
    # drownings: a lifebuoy
    "utoniecia": ring_segments(12, 12, 10, 5, 4, 14) + line(circle_d(12, 12, 10.6), 0.9),
    # other (2020 catalogue): three dots
    "inne_2020": '<circle cx="4.5" cy="12" r="2.6"/><circle cx="12" cy="12" r="2.6"/>'
    '<circle cx="19.5" cy="12" r="2.6"/>',
}

# Fallback for unknown categories: an exclamation mark.
DEFAULT = (
    '<path d="M9.8 3.8a2.2 2.2 0 0 1 4.4 0l-.9 11.2h-2.6Z"/><circle cx="12" cy="19.6" r="2.3"/>'
)

# The plugin icon: a police-blue map pin with a shield and an exclamation mark, on a map.
PLUGIN_ICON = """<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <title>KMZB</title>
  <path d="M4 48l16-6l12 6l14-6l14 6v12l-14-6l-14 6l-12-6L4 60Z" fill="#e9e4d4"
    stroke="#9a9480" stroke-width="1" stroke-linejoin="round"/>
  <path d="M20 42v12M32 48v12M46 42v12" stroke="#c8c1aa" stroke-width="1"/>
  <path d="M6 55c8-4 14 2 22-1s14-6 30 0" fill="none" stroke="#7cb36b" stroke-width="2"/>
  <ellipse cx="32" cy="55" rx="6" ry="2" fill="#000000" fill-opacity="0.25"/>
  <path d="M32 55C26 45 12 35 12 22a20 20 0 0 1 40 0c0 13-14 23-20 33Z" fill="#1f4e96"
    stroke="#12336a" stroke-width="2" stroke-linejoin="round"/>
  <circle cx="32" cy="22" r="14.5" fill="#ffffff"/>
  <path d="M32 9.5l10.5 4v8c0 6.5-4.4 11.3-10.5 13.5c-6.1-2.2-10.5-7-10.5-13.5v-8Z"
    fill="#1f4e96"/>
  <path d="M30.2 15a1.8 1.8 0 0 1 3.6 0l-.7 9.5h-2.2Z" fill="#ffffff"/>
  <circle cx="32" cy="28.6" r="1.9" fill="#ffffff"/>
</svg>
"""


def pictogram(body: str) -> str:
    """A complete pictogram SVG document around a body fragment."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">\n'
        f"  <g {PARAMS}>\n    {body}\n  </g>\n</svg>\n"
    )


def category_codes() -> list[str]:
    """The category codes from the catalogue, read without importing the package."""
    tree = ast.parse((ROOT / "kmzb_store" / "catalogue.py").read_text(encoding="utf-8"))
    codes = []
    for node in ast.walk(tree):
        is_category = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Category"
        )
        if is_category and node.args and isinstance(node.args[0], ast.Constant):
            codes.append(node.args[0].value)
    return codes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources", help="resources dir")
    args = parser.parse_args()

    missing = sorted(set(category_codes()) - set(ICONS))
    if missing:
        parser.error(f"no pictogram for categories: {', '.join(missing)}")

    icons = args.out / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    for code, body in ICONS.items():
        (icons / f"{code}.svg").write_text(pictogram(body), encoding="utf-8")
    (icons / "default.svg").write_text(pictogram(DEFAULT), encoding="utf-8")
    (args.out / "icon.svg").write_text(PLUGIN_ICON, encoding="utf-8")
    print(f"wrote {len(ICONS) + 1} pictograms to {icons} and {args.out / 'icon.svg'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
