"""A real browser for the tests: headless Chromium with every network request refused.

A helper module, not a test module. It starts Debian's ``chromium`` through Debian's
``chromedriver`` with Selenium (never Selenium Manager: the driver and the browser are
always given by path, so nothing is ever downloaded), loads local files, and reads back
what the page did: the values of JavaScript expressions, the console's errors, and every
request that tried to leave the machine.

The network is refused in four ways, so that a page that works here works offline
(tests/test_browser.py checks each against a server on loopback, and a control):

- ``--proxy-server`` to a closed port on loopback with ``--proxy-bypass-list=<-loopback>``:
  every http(s) and ws(s) request, loopback included, goes to a proxy that is not there;
- ``--host-resolver-rules=MAP * ~NOTFOUND``: no host name (nor IP literal) resolves,
  should a request ever go direct;
- ``--webrtc-ip-handling-policy=disable_non_proxied_udp``: WebRTC sends no UDP (it
  ignores the proxy otherwise), and ``--disable-quic``;
- and, inside the page, the DevTools protocol's ``Network.setBlockedURLs`` for
  ``http://*``, ``https://*``, ``ws://*``, ``wss://*``, which refuses fetches, images,
  scripts and styles before they reach the network stack (but not WebSockets or
  frames: the flags above catch those).

Use it through the session-scoped ``browser`` fixture: ``pytest_plugins = ["browser"]`` in
``tests/conftest.py`` makes it available everywhere; without that, a test module imports it
(``from browser import browser_session``, which pytest registers under the name ``browser``)::

    page = browser.open_page(tmp_path / "map.html")
    findings = check_map(page, expect_layers=["zones", "incidents"])
    assert at(page, "2022-06-30")["incidents"] == 12

When Chromium is missing, the fixture skips the tests, unless ``CI`` or
``GEO_REQUIRE_BROWSER=1`` is set: then it fails them, so that CI never skips silently.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

INSTALL_HINT = (
    "install Debian's Chromium and ChromeDriver (`sudo apt-get install chromium chromium-driver`) "
    "and Selenium (`pip install -e '.[test]'`), or point GEO_CHROMIUM and GEO_CHROMEDRIVER at a "
    "Chromium and a ChromeDriver of the same version"
)

#: The flags the issue asks for, and a few that keep a headless run quiet and stable.
BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--hide-scrollbars",
)

#: Flags that refuse every request that would leave the machine (loopback included).
NETWORK_OFF_FLAGS = (
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--disable-quic",
)

#: URL patterns refused in the page through the DevTools protocol.
BLOCKED_URL_PATTERNS = ("http://*", "https://*", "ws://*", "wss://*")

#: Schemes of requests that stay on the machine (and, for chrome*, inside the browser).
_LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "javascript:")
_INTERNAL_SCHEMES = ("chrome:", "chrome-untrusted:", "chrome-extension:", "devtools:")

WINDOW_SIZE = (1280, 800)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


class BrowserUnavailableError(RuntimeError):
    """Chromium, ChromeDriver or Selenium is missing, or Chromium would not start."""


def browser_required() -> bool:
    """Whether a missing browser fails the tests instead of skipping them.

    ``GEO_REQUIRE_BROWSER`` decides when it is set (``1``/``true`` or ``0``/``false``);
    otherwise any non-empty ``CI`` other than ``0``/``false`` requires the browser.
    """
    explicit = os.environ.get("GEO_REQUIRE_BROWSER")
    if explicit is not None:
        return explicit.strip().lower() in _TRUE
    return os.environ.get("CI", "").strip().lower() not in _FALSE


def find_chromium() -> str | None:
    """The Chromium binary: ``GEO_CHROMIUM``, else Debian's real binary, else ``chromium`` on PATH.

    Debian's ``/usr/bin/chromium`` is a shell wrapper that adds flags of its own (GPU
    rasterisation, remote extensions); the binary it runs, ``/usr/lib/chromium/chromium``,
    is used directly when present so that the flags above are the only ones.
    """
    if os.environ.get("GEO_CHROMIUM"):
        return os.environ["GEO_CHROMIUM"]
    if os.access("/usr/lib/chromium/chromium", os.X_OK):
        return "/usr/lib/chromium/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def find_chromedriver() -> str | None:
    """The ChromeDriver binary: ``GEO_CHROMEDRIVER``, else ``chromedriver`` on PATH or Debian's."""
    if os.environ.get("GEO_CHROMEDRIVER"):
        return os.environ["GEO_CHROMEDRIVER"]
    found = shutil.which("chromedriver")
    if found:
        return found
    if os.access("/usr/lib/chromium/chromedriver", os.X_OK):
        return "/usr/lib/chromium/chromedriver"
    return None


def _is_local(url: str) -> bool:
    return url.startswith(_LOCAL_SCHEMES + _INTERNAL_SCHEMES)


class Browser:
    """One headless Chromium (one tab), driven by Selenium; see :func:`launch`."""

    def __init__(self, driver: WebDriver, *, network: bool, started_in: float) -> None:
        self.driver = driver
        self.network = network
        #: Seconds from launch to a driveable browser.
        self.started_in = started_in
        self._page: Page | None = None

    def set_blocked_urls(self, patterns: Iterable[str]) -> None:
        """Refuse requests matching these URL patterns in the page (DevTools protocol)."""
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": list(patterns)})

    def open_page(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> Page:
        """Load a local file (or a URL) and wait for its ``load`` event; the earlier page is done.

        The logs gathered so far are dropped, so the new page's console and requests are its own.
        """
        if self._page is not None:
            self._page.pull()
            self._page._closed = True
        else:  # what the start page logged
            self.driver.get_log("browser")
            self.driver.get_log("performance")
        url = str(path)
        if "://" not in url and not url.startswith(("about:", "data:")):
            url = Path(url).resolve().as_uri()
        self.driver.set_page_load_timeout(timeout)
        started = time.perf_counter()
        self.driver.get(url)
        page = Page(self, url, loaded_in=time.perf_counter() - started)
        self._page = page
        return page

    def quit(self) -> None:
        self.driver.quit()


class Page:
    """The page a :class:`Browser` has open: evaluate scripts, wait, read its console and requests.

    Chrome hands out its logs once; the page keeps what it read, so each method can be called
    any number of times. Only the latest page of a browser can be used.
    """

    def __init__(self, browser: Browser, url: str, *, loaded_in: float) -> None:
        self.browser = browser
        self.url = url
        #: Seconds that ``driver.get`` took (up to the page's ``load`` event).
        self.loaded_in = loaded_in
        self._closed = False
        self._console: list[dict[str, Any]] = []
        self._requests: dict[str, dict[str, Any]] = {}
        self._failures: list[dict[str, Any]] = []
        self._sockets: list[str] = []

    @property
    def driver(self) -> WebDriver:
        if self._closed:
            raise RuntimeError(f"{self.url} was replaced by a later open_page()")
        return self.browser.driver

    # --- scripts -------------------------------------------------------------------
    def evaluate(self, script: str, *args: Any) -> Any:
        """Run ``script`` as a function body in the page (``return`` a value); ``arguments[i]`` are args."""
        return self.driver.execute_script(script, *args)

    def wait_for(self, expression: str, *, timeout: float = 10.0, interval: float = 0.05) -> Any:
        """Poll the JavaScript ``expression`` until it is truthy and return its value.

        An expression that throws (``window.atlas.ready`` before ``atlas`` exists) counts as
        false. Raises ``TimeoutError`` with the last value and the console's errors.
        """
        script = f"try {{ return ({expression}); }} catch (error) {{ return null; }}"
        deadline = time.monotonic() + timeout
        while True:
            value = self.driver.execute_script(script)
            if value:
                return value
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    f"{expression!r} was still {value!r} after {timeout} s on {self.url}; "
                    f"console errors: {self.console_errors()!r}"
                )
            time.sleep(interval)

    def screenshot(self, path: str | os.PathLike[str]) -> Path:
        """Save a PNG of the viewport."""
        path = Path(path)
        if not self.driver.save_screenshot(str(path)):
            raise RuntimeError(f"could not save a screenshot to {path}")
        return path

    # --- logs ----------------------------------------------------------------------
    def pull(self) -> None:
        """Read Chrome's pending console and network logs into this page."""
        if self._closed:
            return
        self._console.extend(self.browser.driver.get_log("browser"))
        for entry in self.browser.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.requestWillBeSent":
                self._requests[params["requestId"]] = {
                    "url": params["request"]["url"],
                    "type": params.get("type", ""),
                }
            elif method == "Network.loadingFailed" and not params.get("canceled"):
                self._failures.append(params)
            elif method == "Network.webSocketCreated":
                self._sockets.append(params["url"])

    def console(self) -> list[dict[str, Any]]:
        """Every console entry so far: dicts with ``level``, ``source`` and ``message``."""
        self.pull()
        return list(self._console)

    def console_errors(self) -> list[str]:
        """The messages of SEVERE console entries: ``console.error``, uncaught errors, failed loads."""
        return [entry["message"] for entry in self.console() if entry["level"] == "SEVERE"]

    def network_requests(self) -> list[str]:
        """The URL of every request that tried to leave the machine (refused or not), in order."""
        self.pull()
        urls = [request["url"] for request in self._requests.values()]
        return [url for url in urls + self._sockets if not _is_local(url)]

    def failed_requests(self) -> list[dict[str, str]]:
        """Requests that failed: dicts with ``url``, ``type`` and ``error`` (or ``blocked:<reason>``)."""
        self.pull()
        failed = []
        for params in self._failures:
            request = self._requests.get(params["requestId"], {"url": "?", "type": params.get("type", "")})
            if request["url"].startswith(_INTERNAL_SCHEMES):
                continue
            reason = params.get("blockedReason")
            failed.append(
                {
                    "url": request["url"],
                    "type": params.get("type") or request["type"],
                    "error": f"blocked:{reason}" if reason else params.get("errorText", ""),
                }
            )
        return failed

    # --- the DOM -------------------------------------------------------------------
    def text(self, selector: str) -> str | None:
        """The trimmed text of the first element matching ``selector``, or None."""
        return self.evaluate(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;",
            selector,
        )

    def click(self, selector: str) -> None:
        """Click the element as a user would (a WebDriver click: it must be visible and enabled)."""
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, selector).click()


@contextlib.contextmanager
def launch(*, network: bool = False, window_size: tuple[int, int] = WINDOW_SIZE) -> Iterator[Browser]:
    """Start headless Chromium in a fresh profile; with ``network=False`` (the default) refuse the network.

    Raises :class:`BrowserUnavailableError` when Chromium, ChromeDriver or Selenium is
    missing or Chromium does not start.
    """
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError as error:
        raise BrowserUnavailableError(f"selenium is not installed ({error}): {INSTALL_HINT}") from error
    chromium, chromedriver = find_chromium(), find_chromedriver()
    missing = [
        f"{name} not found" if found is None else f"{name} {found!r} is not an executable file"
        for name, found in (("chromium", chromium), ("chromedriver", chromedriver))
        if found is None or not os.access(found, os.X_OK)
    ]
    if missing or chromium is None or chromedriver is None:
        raise BrowserUnavailableError(f"{' and '.join(missing)}: {INSTALL_HINT}")
    # Selenium Manager never runs with a driver path given; if it ever did, it must not download.
    os.environ.setdefault("SE_OFFLINE", "true")
    with tempfile.TemporaryDirectory(prefix="geo-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in BASE_FLAGS + (() if network else NETWORK_OFF_FLAGS):
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={window_size[0]},{window_size[1]}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
        started = time.perf_counter()
        try:
            driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
        except WebDriverException as error:
            raise BrowserUnavailableError(f"{chromium} did not start: {error.msg}; {INSTALL_HINT}") from error
        try:
            browser = Browser(driver, network=network, started_in=time.perf_counter() - started)
            if not network:
                browser.set_blocked_urls(BLOCKED_URL_PATTERNS)
            yield browser
        finally:
            driver.quit()


def _unavailable(error: BrowserUnavailableError) -> None:
    if browser_required():
        pytest.fail(f"a browser is required here (CI or GEO_REQUIRE_BROWSER=1): {error}", pytrace=False)
    pytest.skip(f"no browser: {error}")


@pytest.fixture(scope="session", name="browser")
def browser_session() -> Iterator[Browser]:
    """One headless Chromium for the whole session, network refused; skips (or fails on CI) without it."""
    with contextlib.ExitStack() as stack:
        try:
            session = stack.enter_context(launch())
        except BrowserUnavailableError as error:
            _unavailable(error)
            raise
        yield session


# --- the map contract ------------------------------------------------------------------
#
# A map page defines ``window.atlas`` once it is ready: ``atlas.ready === true``;
# ``atlas.dates`` (sorted ISO dates, the time steps); ``atlas.date()`` (the date shown);
# ``atlas.setDate(iso)`` (moves to the last step on or before ``iso``, redraws, returns the
# date shown); ``atlas.visible()`` -> ``{layer key: features drawn now}``. The map container
# has the class ``leaflet-container``; the time control ``.atlas-time`` holds an
# ``input[type=range]``, the label ``.atlas-asof`` (showing the date) and the buttons
# ``.atlas-play``, ``.atlas-back`` and ``.atlas-forward``. Element ids are the map container's
# id plus a suffix (``<mapId>-asof``), so that several maps live on one page;
# ``window.atlases[mapId]`` is each map's api and ``window.atlas`` the last one's.

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Layers live in the map's own panes (boundaries, zones, incidents, labels) or Leaflet's.
_DRAWN = ".leaflet-pane path, .leaflet-pane canvas, .leaflet-marker-pane *"

_MAP_STATE = """
const q = (s) => document.querySelector(s);
const box = q('.leaflet-container');
const rect = box ? box.getBoundingClientRect() : null;
const slider = q('.atlas-time input[type=range]');
return {
  container: rect ? [rect.width, rect.height] : null,
  drawn: document.querySelectorAll(arguments[0]).length,
  dates: Array.from(window.atlas.dates || []),
  date: window.atlas.date(),
  visible: window.atlas.visible(),
  asof: q('.atlas-time .atlas-asof') ? q('.atlas-time .atlas-asof').textContent.trim() : null,
  slider: slider ? {min: slider.min, max: slider.max, step: slider.step, value: slider.value} : null,
  buttons: {
    play: !!q('.atlas-time .atlas-play'),
    back: !!q('.atlas-time .atlas-back'),
    forward: !!q('.atlas-time .atlas-forward'),
  },
};
"""


def check_map(
    page: Page,
    *,
    expect_layers: Iterable[str] = (),
    expect_time: bool = True,
    require_clean: bool = True,
    timeout: float = 20.0,
) -> dict[str, Any]:
    """Check that a map page keeps the map contract (above) and return what was found.

    Waits for ``window.atlas.ready``, then checks: the ``.leaflet-container`` has a non-zero
    size; something is drawn (paths, canvases or markers); ``visible()`` maps layer keys to
    counts and has every key of ``expect_layers``; with ``expect_time``, the dates are sorted
    ISO days, ``date()`` is one of them, the label shows it and the time control has its
    slider and buttons; with ``require_clean``, the console has no errors and no request
    tried to leave the machine. Every problem is reported at once in one AssertionError.

    Returns a dict: ``container`` ([width, height]), ``drawn``, ``dates``, ``date``,
    ``visible``, ``asof``, ``slider``, ``buttons``, ``console_errors``, ``failed_requests``,
    ``network_requests``, ``ready_in`` (seconds after the load event).
    """
    started = time.perf_counter()
    try:
        page.wait_for("window.atlas && window.atlas.ready === true", timeout=timeout)
    except TimeoutError as error:
        raise AssertionError(f"map contract: window.atlas.ready never became true: {error}") from None
    findings: dict[str, Any] = page.evaluate(_MAP_STATE, _DRAWN)
    findings["ready_in"] = time.perf_counter() - started
    findings["console_errors"] = page.console_errors()
    findings["failed_requests"] = page.failed_requests()
    findings["network_requests"] = page.network_requests()

    problems = []
    size = findings["container"]
    if size is None:
        problems.append("no element with the class leaflet-container")
    elif not (size[0] > 0 and size[1] > 0):
        problems.append(f"the map container has no area: {size[0]} x {size[1]} px")
    if findings["drawn"] == 0:
        problems.append(f"nothing drawn: no element matches {_DRAWN!r}")
    visible = findings["visible"]
    if not isinstance(visible, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) and count >= 0 for count in visible.values()
    ):
        problems.append(f"atlas.visible() is not {{layer: count}}: {visible!r}")
    else:
        missing = [key for key in expect_layers if key not in visible]
        if missing:
            problems.append(f"layers missing from atlas.visible(): {missing} (it has {sorted(visible)})")
    if expect_time:
        problems.extend(_time_problems(findings))
    if require_clean:
        if findings["console_errors"]:
            problems.append(f"console errors: {findings['console_errors']}")
        if findings["network_requests"]:
            problems.append(f"requests tried to leave the machine: {findings['network_requests']}")
        if findings["failed_requests"]:
            problems.append(f"failed requests: {findings['failed_requests']}")
    if problems:
        raise AssertionError("map contract broken on " + page.url + ":\n- " + "\n- ".join(problems))
    return findings


def _time_problems(findings: dict[str, Any]) -> list[str]:
    problems = []
    dates, date = findings["dates"], findings["date"]
    if not dates:
        problems.append("atlas.dates is empty")
    elif not all(isinstance(day, str) and _ISO_DAY.match(day) for day in dates):
        problems.append(f"atlas.dates are not all ISO days: {[d for d in dates if not _ISO_DAY.match(str(d))][:5]}")
    elif dates != sorted(set(dates)):
        problems.append("atlas.dates are not sorted and unique")
    if dates and date not in dates:
        problems.append(f"atlas.date() {date!r} is not one of atlas.dates")
    if findings["slider"] is None:
        problems.append("no input[type=range] in .atlas-time")
    if findings["asof"] is None:
        problems.append("no .atlas-asof label in .atlas-time")
    elif date and date not in findings["asof"]:
        problems.append(f"the label .atlas-asof says {findings['asof']!r}, not the date shown {date!r}")
    absent = [name for name, present in findings["buttons"].items() if not present]
    if absent:
        problems.append(f"buttons missing from .atlas-time: {['.atlas-' + name for name in absent]}")
    return problems


def at(page: Page, iso: str) -> dict[str, int]:
    """Move the map to ``iso`` with ``atlas.setDate`` and return ``atlas.visible()``.

    Checks the contract on the way: the date shown is the last step on or before ``iso``
    (the first step when ``iso`` is earlier than all of them), ``atlas.date()`` agrees,
    and the label ``.atlas-asof`` shows it.
    """
    state = page.evaluate(
        "const shown = window.atlas.setDate(arguments[0]);"
        "const label = document.querySelector('.atlas-asof');"
        "return {shown: shown, date: window.atlas.date(), dates: Array.from(window.atlas.dates),"
        " asof: label ? label.textContent.trim() : null, visible: window.atlas.visible()};",
        iso,
    )
    earlier = [day for day in state["dates"] if day <= iso]
    expected = earlier[-1] if earlier else (state["dates"][0] if state["dates"] else None)
    assert state["shown"] == expected, f"atlas.setDate({iso!r}) showed {state['shown']!r}, expected {expected!r}"
    assert state["date"] == state["shown"], (
        f"atlas.date() is {state['date']!r} after setDate returned {state['shown']!r}"
    )
    assert state["asof"] is not None, "no .atlas-asof label"
    assert state["shown"] in state["asof"], f".atlas-asof says {state['asof']!r} after setDate({iso!r})"
    return state["visible"]


def click_forward(page: Page, *, timeout: float = 5.0) -> str:
    """Click ``.atlas-forward`` (a real click) and return the label ``.atlas-asof`` once it shows ``atlas.date()``."""
    return _click_step(page, ".atlas-forward", timeout=timeout)


def click_back(page: Page, *, timeout: float = 5.0) -> str:
    """Click ``.atlas-back`` (a real click) and return the label ``.atlas-asof`` once it shows ``atlas.date()``."""
    return _click_step(page, ".atlas-back", timeout=timeout)


def _click_step(page: Page, selector: str, *, timeout: float) -> str:
    page.click(selector)
    page.wait_for(
        "(document.querySelector('.atlas-asof').textContent || '').includes(window.atlas.date())",
        timeout=timeout,
    )
    return page.text(".atlas-asof") or ""


def slide(page: Page, value: int | str, *, selector: str = ".atlas-time input[type=range]") -> dict[str, Any]:
    """Move the range input to ``value`` as a user's drag would (value set, then ``input`` and ``change``).

    Returns ``value`` (the slider's value after the move), ``asof`` (the label's text),
    ``date`` (``atlas.date()`` if the page has an atlas) and ``visible`` (likewise).
    """
    return page.evaluate(
        """
        const input = document.querySelector(arguments[0]);
        if (!input) { throw new Error('no element matches ' + arguments[0]); }
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        setter.call(input, String(arguments[1]));
        input.dispatchEvent(new Event('input', {bubbles: true}));
        input.dispatchEvent(new Event('change', {bubbles: true}));
        const label = document.querySelector('.atlas-asof');
        return {
          value: input.value,
          asof: label ? label.textContent.trim() : null,
          date: window.atlas ? window.atlas.date() : null,
          visible: window.atlas ? window.atlas.visible() : null,
        };
        """,
        selector,
        value,
    )
