"""Screenshots of the pictures' pages on the article's graph, for the documentation:
docs/images/timeline-page.png and docs/images/network-page.png.

Usage: .venv/bin/python scripts/pictures/screenshots.py
Serves kg serve's application on a loopback port for as long as it takes the pictures, in
headless Chromium (Debian's chromium, through playwright). Unlike the SVGs of kg draw, the
screenshots are not byte-stable: retake them when the pages change.
"""

import shutil
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from kg.graph import paths
from kg.web.app import create_app

IMAGES = Path(__file__).resolve().parent.parent.parent / "docs" / "images"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PAGES = {
    "timeline-page.png": "/timeline?source=kei-peninsula-2024-09-03",
    "network-page.png": "/network?focus=nk:jo-song-gil",
}


def main() -> None:
    app = create_app(paths.DEFAULT_DATA_DIR, workers=1)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for name, path in PAGES.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            # vis-network settles its layout after the data arrives.
            page.wait_for_timeout(2000)
            page.screenshot(path=IMAGES / name, full_page=True)
            print(IMAGES / name)
        browser.close()
    server.should_exit = True
    thread.join(timeout=10)


if __name__ == "__main__":
    main()
