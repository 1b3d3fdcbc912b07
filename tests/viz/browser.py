"""Headless Chromium (Debian's package) driven by Playwright, with every request but the page blocked."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def executable() -> str | None:
    """Debian's Chromium: /usr/bin/chromium, else `chromium` on the PATH."""
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if executable() is None:
        return f"headless Chromium not installed ({CHROMIUM}); run .ci/install-browser"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Playwright driver is not installed; run .ci/install-browser"
    return None


@dataclass
class Visit:
    """What happened while a page was open."""

    page: object
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@contextmanager
def browser():
    """A running headless Chromium from Debian's package (never a downloaded build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable(), headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def offline_page(chromium, path: Path, width: int = 1280, height: int = 800):
    """`path` opened in a fresh context where every request other than the file itself is aborted."""
    url = path.resolve().as_uri()
    context = chromium.new_context(viewport={"width": width, "height": height}, service_workers="block")
    page = context.new_page()
    visit = Visit(page)

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            visit.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: visit.requests.append(req.url))
    page.on("console", lambda msg: msg.type == "error" and visit.console_errors.append(msg.text))
    page.on("pageerror", lambda err: visit.console_errors.append(str(err)))
    try:
        page.goto(url, wait_until="load")
        yield visit
    finally:
        context.close()


def wait_still(page, timeout_ms: float = 120_000) -> float:
    """Wait until the graph has been drawn and stopped moving; the page's own time of that, in ms."""
    page.wait_for_function("window.kgView && window.kgView.state === 'still'", timeout=timeout_ms, polling=50)
    return page.evaluate("window.kgView.stillAt")
