"""Headless Chromium for the HTML view, with the network blocked: shared by the browser tests
(tests/test_view_browser.py) and the view benchmark (benchmarks/view.py).

    with chromium() as driver:
        page = open_page(driver, "out/diplograph.html")
        print(page.seconds, requested(driver), console_errors(driver))

Debian's ``chromium`` and ``chromium-driver`` packages (``/usr/bin/chromium``,
``/usr/bin/chromedriver``), driven by selenium. `missing` says what is not installed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Page", "chromium", "console_errors", "missing", "open_page", "requested"]

# Flags that keep a headless Chromium to itself: no sandbox (we may be root in a container), no
# GPU (software WebGL, asked for by name: Chromium no longer falls back to it silently), and
# none of the background traffic a fresh profile starts (updates, sync, QUIC probes).
_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
    "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
)


def _binaries() -> tuple[str | None, str | None]:
    # $CHROMIUM and $CHROMEDRIVER, where set, name other builds of the two.
    browser = shutil.which(os.environ.get("CHROMIUM") or "chromium") or shutil.which(
        "chromium-browser")
    driver = shutil.which(os.environ.get("CHROMEDRIVER") or "chromedriver")
    return browser, driver


def missing() -> str | None:
    """Why the browser cannot run here (a sentence), or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    browser, driver = _binaries()
    lacking = [name for name, path in (("chromium", browser), ("chromedriver", driver))
               if not path]
    if lacking:
        return (f"{' and '.join(lacking)} not found: apt-get install chromium chromium-driver "
                "(.ci/run installs them where apt-get works)")
    return None


@contextlib.contextmanager
def chromium(*, width: int = 1400, height: int = 900) -> Iterator[Any]:
    """A selenium driver of headless Chromium, every network request blocked, logs kept.

    Requests are blocked with the DevTools protocol (``Network.setBlockedURLs`` for ``*``); the
    file being opened still loads, and `requested` reads what the page asked for from the
    performance log: DevTools sees a request before the page's own Content-Security-Policy
    would refuse it, so a refused request is listed too. The profile is a fresh temporary
    folder, removed afterwards.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    reason = missing()
    if reason:
        raise RuntimeError(reason)
    browser, driver_path = _binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    with tempfile.TemporaryDirectory(prefix="diplograph-chromium-",
                                     ignore_cleanup_errors=True) as profile:
        for flag in (*_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*"]})
            yield driver
        finally:
            driver.quit()


@dataclass(frozen=True)
class Page:
    """A page opened by `open_page`: its URL, the seconds until it said it was ready, and the
    page's own milliseconds since navigation (``window.__diplographTimings``)."""

    url: str
    seconds: float
    timings: dict[str, float]


def open_page(driver: Any, path: str | os.PathLike[str], *, timeout: float = 60) -> Page:
    """Open an HTML view and wait until it is laid out and drawn (``__diplographReady``).

    The browser's logs are emptied first, so that `requested` and `console_errors` speak of
    this page alone.
    """
    url = Path(path).resolve().as_uri()
    driver.get_log("browser")
    driver.get_log("performance")
    start = time.perf_counter()
    driver.get(url)
    while not driver.execute_script("return window.__diplographReady === true"):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{url} was not ready after {timeout} s")
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    return Page(url, seconds, driver.execute_script("return window.__diplographTimings"))


def requested(driver: Any) -> list[str]:
    """The URLs the browser asked for since the last call (or since `open_page`)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver: Any) -> list[str]:
    """The console's errors (uncaught exceptions, failed scripts) since the last call."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE"]
