"""Screenshots of kg serve's pages on the project's graph, for the documentation: the pages
of docs/serve.md in docs/screenshots/, the pictures' pages of docs/pictures.md in docs/images/.

Usage: .venv/bin/python scripts/screenshots.py
Serves kg serve's application on a loopback port for as long as it takes the pictures, in
headless Chromium (Debian's chromium, through playwright). Unlike the SVGs of kg draw, the
screenshots are not byte-stable: retake them when the pages change, and look at them.
"""

import shutil
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from kg.graph import paths
from kg.web.app import create_app

DOCS = Path(__file__).resolve().parent.parent / "docs"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PAGES = {
    "screenshots/serve-home.png": "/",
    "screenshots/serve-person.png": "/id/ri-il-kyu",
    "screenshots/serve-saved-query.png": "/queries/diplomatic-missions-over-time?run=1",
    "screenshots/serve-editor.png": "/query",
    "screenshots/serve-validate.png": "/validate",
    "images/timeline-page.png": "/timeline?source=kei-peninsula-2024-09-03",
    "images/network-page.png": "/network?focus=nk:jo-song-gil",
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
            # A page's first screen: what a reader sees on opening it (a person's page runs to
            # many screens of facts); the pictures' pages whole.
            page.screenshot(path=DOCS / name, full_page=name.startswith("images/"))
            print(DOCS / name)
        browser.close()
    server.should_exit = True
    thread.join(timeout=10)


if __name__ == "__main__":
    main()
