"""The public map page in a real browser (Playwright driving Debian's chromium) against the
real store: a resident reports with a photo and sees the report; a dzielnicowy verifies it
through the API; after a reload the resident sees the new colour; a second report the same
day is refused kindly; a ``<script>`` description stays text; the form's checks; +1."""

from __future__ import annotations

import re

import pytest
import requests
from browser import launch
from conftest import fresh_ip
from fixture_data import district_center
from playwright import sync_api as playwright

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 2000
GREEN, RED = "rgb(46, 157, 58)", "rgb(215, 25, 28)"  # nowe, potwierdzone (catalogue colours)
PLACE = (20.05, 52.08)  # in D-A1-1 (dzielnicowy_a11's), away from the fixture's reports


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = launch(p)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, store):
    """A page in a browser context of its own: one resident's computer (its own address,
    sent as X-Forwarded-For, which the store trusts from loopback)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800},
        locale="pl-PL",
        extra_http_headers={"X-Forwarded-For": fresh_ip()},
    )
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    pg.set_default_timeout(20_000)
    open_map(pg, store)
    yield pg
    context.close()
    assert not errors, errors  # no script errors, nothing the CSP had to block


def open_map(pg, store) -> None:
    pg.goto(store.server.url + "/")
    pg.wait_for_selector("body[data-loaded]")


def view(pg, lon: float, lat: float, zoom: int = 15) -> None:
    """Centre the map and wait until its reports are loaded for the new view."""
    before = pg.get_attribute("body", "data-loaded")
    pg.evaluate(f"map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    pg.wait_for_function(f"() => document.body.dataset.loaded !== '{before}'")


def report(pg, category: str, text: str, files=(), below: int = 0) -> None:
    """Fill in and send the form, marking the centre of the map (or ``below`` pixels lower)."""
    pg.select_option("#category", category)
    box = pg.locator("#map").bounding_box()
    pg.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 + below)
    pg.fill("#description", text)
    if files:
        pg.set_input_files("#files", list(files))
    pg.click("#submit")


def new_id(pg) -> int:
    """The id of the report just sent, once the map has settled on it (the page centres the
    map on a new report and reads the reports again)."""
    pg.wait_for_selector("#form-msg.ok")
    rid = int(re.search(r"nr (\d+)", pg.text_content("#form-msg")).group(1))
    centre = pg.evaluate("[map.getCenter().lng, map.getCenter().lat]")
    view(pg, *centre)
    return rid


def pin(pg, rid: int):
    return pg.locator(f'.pin[data-id="{rid}"]')


def colour(pg, rid: int) -> str:
    return pin(pg, rid).evaluate("e => getComputedStyle(e).backgroundColor")


def test_report_verify_reload_and_second_report_refused(page, store, tmp_path):
    view(page, *PLACE)
    photo = {"name": "zdjecie.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
    report(page, "wandalizm", "Zniszczona wiata przystanku", [photo])
    rid = new_id(page)
    pin(page, rid).wait_for()
    assert pin(page, rid).get_attribute("data-status") == "nowe"
    assert colour(page, rid) == GREEN
    assert pin(page, rid).locator("img").get_attribute("src").endswith("/icons/wandalizm.svg")

    # the dzielnicowy sees it (with the photo) and confirms it
    seen = store.feature(rid, "dzielnicowy_a11")
    assert seen["properties"]["description"] == "Zniszczona wiata przystanku"
    assert seen["properties"]["attachments"] == 1
    assert seen["properties"]["district_id"] == store.district_id("D-A1-1")
    r = store.patch(
        f"/reports/{rid}",
        "dzielnicowy_a11",
        json={"status": "potwierdzone", "note": "Potwierdzone na miejscu."},
        headers={"If-Match": f'"{seen["properties"]["revision"]}"'},
    )
    assert r.status_code == 200, r.text

    page.reload()
    page.wait_for_selector("body[data-loaded]")
    view(page, *PLACE)
    pin(page, rid).wait_for()
    assert pin(page, rid).get_attribute("data-status") == "potwierdzone"
    assert colour(page, rid) == RED
    pin(page, rid).click()
    popup = page.locator(".popup")
    popup.wait_for()
    assert popup.locator(".status").text_content() == "potwierdzone"
    assert "Potwierdzone na miejscu." not in popup.text_content()  # police notes stay inside
    page.screenshot(path=str(tmp_path / "public-map-verified.png"))

    # a second report from the same computer the same day: refused, kindly, with a time
    page.evaluate("map.closePopup()")
    report(page, "parkowanie", "Drugie zgłoszenie", below=100)
    page.wait_for_selector("#form-msg.kind")
    msg = page.text_content("#form-msg")
    assert "jedno zgłoszenie na dobę" in msg and "112" in msg
    assert re.search(r"\d{1,2}:\d{2}", msg)  # when to try again
    assert (
        store.get("/reports", params={"bbox": "20.0,52.0,20.1,52.1"}).text.count(
            "Drugie zgłoszenie"
        )
        == 0
    )


def test_script_description_is_shown_as_text_and_plus_one(page, store):
    lon, lat = district_center("D-A2-1")
    view(page, lon, lat + 0.02)
    evil = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> koniec'
    report(page, "alkohol", evil)
    rid = new_id(page)
    pin(page, rid).click()
    text = page.locator(".popup .text")
    text.wait_for()
    assert text.text_content() == evil
    assert page.locator(".popup script, .popup img[src='x']").count() == 0
    assert page.evaluate("window.pwned") is None

    page.click(".popup button.confirm")
    page.wait_for_function("() => document.querySelector('.popup .count').textContent === '1'")
    assert store.feature(rid)["properties"]["confirmations"] == 1
    page.evaluate("map.closePopup()")
    pin(page, rid).click()  # the popup again: a second +1 from here is refused
    page.click(".popup button.confirm")
    page.wait_for_selector(".popup .msg:not(:empty)")
    assert "już potwierdzone" in page.text_content(".popup .msg") or "można" in page.text_content(
        ".popup .msg"
    )
    assert store.feature(rid)["properties"]["confirmations"] == 1


def test_form_checks_before_upload_and_english(page, store):
    assert page.locator(".marker-cluster").count() > 0  # the whole country: clustered
    page.fill("#description", "x" * 10)
    assert page.text_content("#counter") == "10 / 500"
    page.fill("#description", "x" * 600)  # the field takes 500
    assert page.text_content("#counter") == "500 / 500"
    assert page.input_value("#description") == "x" * 500

    def files(*specs):
        return [{"name": n, "mimeType": "application/octet-stream", "buffer": b} for n, b in specs]

    page.set_input_files("#files", files(*[(f"{i}.jpg", JPEG) for i in range(4)]))
    assert "najwyżej 3" in page.text_content("#files-msg")
    assert page.is_disabled("#submit")
    big = b"\xff\xd8\xff" + b"\x00" * (3 * 1024 * 1024)
    page.set_input_files("#files", files(("a.jpg", big), ("b.jpg", big)))
    assert "najwyżej 5 MB" in page.text_content("#files-msg")
    page.set_input_files("#files", files(("program.exe", b"MZ")))
    assert "program.exe" in page.text_content("#files-msg")
    page.set_input_files("#files", files(("a.jpg", JPEG), ("b.pdf", b"%PDF-1.4")))
    assert page.is_enabled("#submit")
    assert "112" in page.text_content("#emergency") and "997" in page.text_content("#emergency")

    page.click("#lang")
    assert page.text_content("h1") == "National Map of Security Threats (KMZB)"
    assert "112" in page.text_content("#emergency")
    assert page.locator("#category option", has_text="illegal parking").count() == 1
    assert page.evaluate("document.documentElement.lang") == "en"


def test_page_headers(store):
    r = requests.get(store.server.url + "/", timeout=30)
    assert r.status_code == 200 and "text/html" in r.headers["Content-Type"]
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'none'" in csp
    js = requests.get(store.server.url + "/static/build/leaflet.js", timeout=30)
    assert js.status_code == 200 and "Leaflet" in js.text[:2000]


def test_a_store_without_the_built_files_says_so(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from kmzb_store.api import public_page
    from kmzb_store.api.app import create_app

    monkeypatch.setattr(public_page, "BUILT", tmp_path / "not-built")
    with TestClient(create_app(f"sqlite:///{tmp_path / 'x.db'}")) as client:
        r = client.get("/")
    assert r.status_code == 503 and "make web" in r.text
