"""docs/img/public-map*.png: the public map in Debian's chromium (Playwright) over a store
with demo data: Poland with clusters, a city with a popup, a report sent, the second one
refused, the English page. Part of `make screenshots`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser import launch  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from store_server import StoreServer  # noqa: E402

OUT = REPO / "docs" / "img"
WARSAW = (52.2297, 21.0122)
# open the popup of the report nearest the map's centre (one at an edge would pan the map)
NEAREST_POPUP = """() => {
  const c = map.getCenter();
  const near = [...markers.values()].sort((a, b) =>
    c.distanceTo(a.getLatLng()) - c.distanceTo(b.getLatLng()))[0];
  near.openPopup();
}"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kmzb-shots-") as d, StoreServer(tmp_path=d) as store:
        store.load_demo(reports=5000, days=60)
        with sync_playwright() as p:
            browser = launch(p)
            context = browser.new_context(
                viewport={"width": 1280, "height": 800},
                locale="pl-PL",
                extra_http_headers={"X-Forwarded-For": "198.51.100.7"},
            )
            page = context.new_page()
            page.set_default_timeout(30_000)

            def shot(name: str) -> None:
                page.wait_for_timeout(1200)  # the fade and pan animations
                page.screenshot(path=str(OUT / name))
                print(f"wrote docs/img/{name}")

            def view(lat: float, lon: float, zoom: int) -> None:
                before = page.get_attribute("body", "data-loaded")
                page.evaluate(f"map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
                page.wait_for_function(f"() => document.body.dataset.loaded !== '{before}'")

            page.goto(store.url + "/")
            page.wait_for_selector("body[data-loaded]")
            shot("public-map.png")

            view(*WARSAW, 14)
            page.evaluate(NEAREST_POPUP)
            page.wait_for_selector(".popup")
            shot("public-map-popup.png")

            page.evaluate("map.closePopup()")
            page.select_option("#category", "wandalizm")
            pick = "map.fire('click', {{latlng: L.latLng({}, {})}})"  # no marker in the way
            page.evaluate(pick.format(WARSAW[0] + 0.004, WARSAW[1] - 0.01))
            page.fill("#description", "Zniszczona wiata przystanku, potłuczone szkło na chodniku.")
            photo = {"name": "wiata.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff" * 9}
            page.set_input_files("#files", [photo])
            page.click("#submit")
            page.wait_for_selector("#form-msg.ok")
            shot("public-map-report.png")

            page.select_option("#category", "parkowanie")
            page.evaluate(pick.format(WARSAW[0] - 0.006, WARSAW[1] + 0.012))
            page.fill("#description", "Samochody na przejściu dla pieszych.")
            page.click("#submit")
            page.wait_for_selector("#form-msg.kind")
            shot("public-map-refused.png")

            page.click("#lang")
            view(52.0, 19.3, 7)
            shot("public-map-en.png")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
