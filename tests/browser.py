"""Debian's chromium driven by Playwright (the Python package; no `playwright install`):
the public map's browser tests and its screenshots (scripts/public_map_screenshots.py)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    """A headless chromium of ``playwright`` (a sync_playwright() context)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
