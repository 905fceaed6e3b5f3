"""The real-browser harness (tests/browser.py): Chromium starts, the network is refused, the console is read.

Every page here is written into tmp_path by the test itself. The network tests run a
server on loopback (TCP and UDP) and check that nothing reaches it from the harness's
browser, and that it does from a browser started with the network on: the control that
shows the check can fail.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import (
    BLOCKED_URL_PATTERNS,
    Browser,
    BrowserUnavailableError,
    _unavailable,
    at,
    browser_required,
    check_map,
    click_back,
    click_forward,
    launch,
    slide,
)


def write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def wait_until(condition, *, timeout: float = 10.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(0.05)


# --- a server on loopback that records whatever reaches it -------------------------------


class Loopback:
    """A TCP server answering every request with 200 (CORS allowed) and a UDP socket, both recording."""

    def __init__(self) -> None:
        self.tcp: list[str] = []
        self.udp = 0
        recorded = self.tcp

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                line = self.rfile.readline(2048).decode("latin-1").strip()
                recorded.append(line)
                self.wfile.write(
                    b"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\n"
                    b"Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                )

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.udp_port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True),
            threading.Thread(target=self._receive, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _receive(self) -> None:
        while not self._stop.is_set():
            try:
                self.sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            self.udp += 1

    def paths(self) -> set[str]:
        return {line.split(" ")[1] for line in self.tcp if line.count(" ") >= 2}

    def close(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    yield server
    server.close()


#: Paths the network page asks the loopback server for over TCP.
LOOPBACK_PATHS = {"/style.css", "/fetch", "/fetch-localhost", "/x.png", "/ws", "/beacon", "/frame"}


def network_page(tmp_path: Path, server: Loopback, *, outside: bool) -> Path:
    """A page that reaches for the network every way it can; ``outside`` adds example.org (never for a control)."""
    base = f"http://127.0.0.1:{server.port}"
    outside_html = (
        """<img src="http://example.org/x.png" onload="results.img_example = 'loaded'"
             onerror="results.img_example = 'refused'">
        <script>settle("fetch_example", fetch("https://example.org/"));</script>"""
        if outside
        else ""
    )
    return write(
        tmp_path,
        f"network-{'outside' if outside else 'loopback'}.html",
        f"""<!doctype html><meta charset="utf-8"><title>network</title>
        <link rel="stylesheet" href="{base}/style.css">
        <script>
        window.results = {{}};
        function settle(key, promise) {{
          promise.then(() => {{ results[key] = "loaded"; }}, () => {{ results[key] = "refused"; }});
        }}
        settle("fetch_loopback", fetch("{base}/fetch"));
        settle("fetch_localhost", fetch("http://localhost:{server.port}/fetch-localhost"));
        const ws = new WebSocket("ws://127.0.0.1:{server.port}/ws");
        ws.onopen = () => {{ results.ws = "open"; }};
        ws.onerror = () => {{ results.ws = "refused"; }};
        navigator.sendBeacon("{base}/beacon", "x");
        const rtc = new RTCPeerConnection({{iceServers: [{{urls: "stun:127.0.0.1:{server.udp_port}"}}]}});
        rtc.onicegatheringstatechange = () => {{ results.ice = rtc.iceGatheringState; }};
        rtc.createDataChannel("probe");
        rtc.createOffer().then((offer) => rtc.setLocalDescription(offer));
        </script>
        <img src="{base}/x.png" onload="results.img = 'loaded'" onerror="results.img = 'settled'">
        <iframe src="{base}/frame" onload="results.frame = 'settled'"></iframe>
        {outside_html}
        """,
    )


def settled(page, keys: set[str]) -> bool:
    results = page.evaluate("return window.results") or {}
    return keys <= set(results) and results.get("ice") == "complete"


# --- (a) scripts run and are read back -----------------------------------------------------


def test_evaluate_reads_what_the_page_script_did(browser: Browser, tmp_path: Path) -> None:
    page = browser.open_page(
        write(tmp_path, "title.html", "<!doctype html><title>before</title><script>document.title = 'after';</script>")
    )
    assert page.evaluate("return document.title") == "after"
    assert page.evaluate("return arguments[0] + arguments[1]", 2, 3) == 5
    assert page.url.startswith("file://")
    assert page.console_errors() == []
    assert page.network_requests() == []


def test_wait_for_polls_until_true_and_times_out_with_a_message(browser: Browser, tmp_path: Path) -> None:
    page = browser.open_page(
        write(tmp_path, "late.html", "<script>setTimeout(() => { window.late = {ready: 42}; }, 200);</script>")
    )
    assert page.wait_for("window.late.ready", timeout=5) == 42  # throws until window.late exists
    with pytest.raises(TimeoutError, match=r"'window\.never' was still None after 0\.2 s"):
        page.wait_for("window.never", timeout=0.2)


def test_screenshot_writes_a_png(browser: Browser, tmp_path: Path) -> None:
    page = browser.open_page(write(tmp_path, "red.html", "<body style='margin:0;background:#c00'>"))
    shot = page.screenshot(tmp_path / "red.png").read_bytes()
    assert shot.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(shot[16:20], "big"), int.from_bytes(shot[20:24], "big")
    assert width > 0
    assert height > 0


# --- (b) the network is refused -------------------------------------------------------------


def test_every_request_is_refused_and_reported(browser: Browser, tmp_path: Path, loopback: Loopback) -> None:
    page = browser.open_page(network_page(tmp_path, loopback, outside=True))
    keys = {"fetch_example", "fetch_loopback", "fetch_localhost", "ws", "img", "img_example", "frame"}
    wait_until(lambda: settled(page, keys), what="every request settled")
    results = page.evaluate("return window.results")
    assert results["fetch_example"] == results["fetch_loopback"] == results["fetch_localhost"] == "refused"
    assert results["img_example"] == "refused"
    assert results["ws"] == "refused"
    base = f"http://127.0.0.1:{loopback.port}"
    expected = {"https://example.org/", "http://example.org/x.png", f"{base}/fetch", f"{base}/beacon", f"{base}/x.png"}
    failed = wait_until(
        lambda: expected <= {r["url"] for r in page.failed_requests()} and page.failed_requests(),
        what="the refused requests in the performance log",
    )
    assert all(r["error"] == "blocked:inspector" or r["error"].startswith("net::ERR_") for r in failed), failed
    attempted = set(page.network_requests())
    assert expected | {f"ws://127.0.0.1:{loopback.port}/ws", f"{base}/frame"} <= attempted
    time.sleep(0.3)  # anything still on its way
    assert loopback.tcp == []
    assert loopback.udp == 0


def test_the_flags_alone_refuse_the_network(browser: Browser, tmp_path: Path, loopback: Loopback) -> None:
    """Without the DevTools block, the proxy and resolver flags still refuse everything, loopback included."""
    browser.set_blocked_urls([])
    try:
        page = browser.open_page(network_page(tmp_path, loopback, outside=False))
        wait_until(
            lambda: settled(page, {"fetch_loopback", "fetch_localhost", "ws", "img", "frame"}),
            what="every request settled",
        )
        results = page.evaluate("return window.results")
        assert results["fetch_loopback"] == results["fetch_localhost"] == results["ws"] == "refused"
        failed = wait_until(
            lambda: len(page.failed_requests()) >= 4 and page.failed_requests(), what="the refused requests"
        )
        assert {r["error"] for r in failed} == {"net::ERR_PROXY_CONNECTION_FAILED"}, failed
        assert any("ERR_PROXY_CONNECTION_FAILED" in message for message in page.console_errors())
        time.sleep(0.3)
        assert loopback.tcp == []
        assert loopback.udp == 0
    finally:
        browser.set_blocked_urls(BLOCKED_URL_PATTERNS)


def test_control_with_the_network_on_the_same_page_reaches_loopback(
    browser: Browser, tmp_path: Path, loopback: Loopback
) -> None:
    """The control: the page above does reach the loopback server when the network is not refused.

    (``browser`` is requested only so that this test skips or fails like the others.)
    """
    with launch(network=True) as open_browser:
        page = open_browser.open_page(network_page(tmp_path, loopback, outside=False))
        wait_until(lambda: loopback.paths() >= LOOPBACK_PATHS, what=f"requests for {sorted(LOOPBACK_PATHS)}")
        wait_until(lambda: loopback.udp > 0, what="a STUN packet")
        wait_until(lambda: page.evaluate("return window.results.fetch_loopback") == "loaded", what="fetch loaded")


# --- (c) the console ---------------------------------------------------------------------


def test_console_errors_reports_console_error_and_uncaught_errors(browser: Browser, tmp_path: Path) -> None:
    page = browser.open_page(
        write(
            tmp_path,
            "errors.html",
            """<!doctype html><script>
            console.log("fine");
            console.warn("careful");
            console.error("boom");
            setTimeout(() => { throw new Error("kaboom"); }, 0);
            throw new TypeError("bang");
            </script>""",
        )
    )
    errors = wait_until(lambda: len(page.console_errors()) >= 3 and page.console_errors(), what="three errors")
    assert len(errors) == 3, errors
    assert any('"boom"' in message for message in errors), errors
    assert any("Uncaught TypeError: bang" in message for message in errors), errors
    assert any("Uncaught Error: kaboom" in message for message in errors), errors
    levels = {entry["level"] for entry in page.console()}
    assert {"INFO", "WARNING", "SEVERE"} <= levels


def test_a_clean_page_reports_nothing_and_errors_stay_with_their_page(browser: Browser, tmp_path: Path) -> None:
    noisy = browser.open_page(write(tmp_path, "noisy.html", "<script>console.error('left behind');</script>"))
    clean = browser.open_page(write(tmp_path, "clean.html", "<!doctype html><p>quiet</p><script>1 + 1;</script>"))
    assert clean.console_errors() == []
    assert clean.failed_requests() == []
    assert clean.network_requests() == []
    assert len(noisy.console_errors()) == 1  # kept what it logged
    with pytest.raises(RuntimeError, match="replaced by a later open_page"):
        noisy.evaluate("return 1")


def test_a_missing_local_file_is_a_failed_request(browser: Browser, tmp_path: Path) -> None:
    page = browser.open_page(write(tmp_path, "missing.html", '<script src="missing.js"></script>'))
    failed = page.failed_requests()
    assert [(Path(r["url"]).name, r["error"]) for r in failed] == [("missing.js", "net::ERR_FILE_NOT_FOUND")]
    assert page.network_requests() == []  # it never left the machine


# --- (d) driving a control ------------------------------------------------------------------


def test_a_range_input_is_driven_by_setting_its_value_and_dispatching_input(browser: Browser, tmp_path: Path) -> None:
    page = browser.open_page(
        write(
            tmp_path,
            "range.html",
            """<!doctype html><input id="r" type="range" min="0" max="10" value="0"><output id="o">0</output>
            <script>
            let changes = 0;
            const r = document.getElementById("r"), o = document.getElementById("o");
            r.addEventListener("input", () => { o.textContent = "value " + r.value; });
            r.addEventListener("change", () => { changes += 1; window.changes = changes; });
            </script>""",
        )
    )
    assert page.text("#o") == "0"
    moved = slide(page, 7, selector="#r")
    assert moved["value"] == "7"
    assert page.text("#o") == "value 7"
    assert page.evaluate("return window.changes") == 1
    assert slide(page, 99, selector="#r")["value"] == "10"  # the input clamps, as a drag would
    assert page.text("#o") == "value 10"


# --- (e) the map contract, against a fake map -------------------------------------------------

FAKE_MAP = """<!doctype html><meta charset="utf-8"><title>fake atlas</title>
<div class="leaflet-container" style="width: 600px; height: __HEIGHT__px; position: relative">
  <div class="leaflet-pane leaflet-overlay-pane"><svg id="base"><path d="M0 0L9 9"></path></svg>
    <svg id="layers"></svg></div>
  <div class="leaflet-marker-pane"></div>
</div>
<div class="atlas-time" id="m-time"><button class="atlas-back">back</button><button class="atlas-play">play</button>
__FORWARD__<input type="range" min="0" max="3" step="1" value="0"><span class="atlas-asof"></span></div>
<script>
const dates = ["2022-01-01", "2022-02-01", "2022-03-01", "2022-04-01"];
const features = {  // [start, end], inclusive
  zones: [["2022-01-01", "2022-03-31"], ["2022-02-01", "9999-12-31"]],
  incidents: [["2022-01-15", "2022-02-10"], ["2022-03-01", "2022-03-01"], ["2022-03-01", "2022-04-30"]],
};
let index = 0;
const counts = {};
const svg = document.getElementById("layers"), markers = document.querySelector(".leaflet-marker-pane");
const slider = document.querySelector(".atlas-time input"), label = document.querySelector(".atlas-asof");
function draw() {
  const day = dates[index];
  svg.replaceChildren();
  markers.replaceChildren();
  for (const [key, spans] of Object.entries(features)) {
    counts[key] = spans.filter(([start, end]) => start <= day && day <= end).length;
    for (let i = 0; i < counts[key]; i++) {
      if (key === "zones") svg.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "path"));
      else markers.appendChild(document.createElement("div"));
    }
  }
  slider.value = String(index);
  label.textContent = "as of " + day;
}
function step(n) { index = Math.max(0, Math.min(dates.length - 1, index + n)); draw(); }
document.querySelector(".atlas-back").addEventListener("click", () => step(-1));
const forward = document.querySelector(".atlas-forward");
if (forward) forward.addEventListener("click", () => step(1));
slider.addEventListener("input", () => { index = Number(slider.value); draw(); });
draw();
__EXTRA__
setTimeout(() => {  // ready a little after load, as a real map is
  window.atlas = {
    ready: __READY__, dates: __DATES__,
    date: () => dates[index],
    setDate: (iso) => { index = Math.max(0, dates.filter((d) => d <= iso).length - 1); draw(); return dates[index]; },
    visible: () => ({...counts}),
  };
}, 100);
</script>
"""


def fake_map(
    tmp_path: Path,
    *,
    height: int = 300,
    forward: bool = True,
    ready: bool = True,
    dates: str = "dates.slice()",
    extra: str = "",
) -> Path:
    html = (
        FAKE_MAP.replace("__HEIGHT__", str(height))
        .replace("__FORWARD__", '<button class="atlas-forward">forward</button>' if forward else "")
        .replace("__READY__", "true" if ready else "false")
        .replace("__DATES__", dates)
        .replace("__EXTRA__", extra)
    )
    return write(tmp_path, "fake-map.html", html)


def test_check_map_on_a_fake_map_that_keeps_the_contract(browser: Browser, tmp_path: Path) -> None:
    """No real map exists yet: this fake (~40 lines of plain JS, no Leaflet) implements the map contract.

    window.atlas (ready, dates, date(), setDate(iso), visible()), a sized .leaflet-container with
    paths and markers, and .atlas-time with its range input, .atlas-asof label and buttons.
    """
    page = browser.open_page(fake_map(tmp_path))
    findings = check_map(page, expect_layers=["zones", "incidents"])
    assert findings["container"] == [600, 300]
    assert findings["dates"] == ["2022-01-01", "2022-02-01", "2022-03-01", "2022-04-01"]
    assert findings["date"] == "2022-01-01"
    assert findings["asof"] == "as of 2022-01-01"
    assert findings["visible"] == {"zones": 1, "incidents": 0}
    assert findings["drawn"] == 2  # the base outline and one zone
    assert findings["slider"] == {"min": "0", "max": "3", "step": "1", "value": "0"}
    assert findings["console_errors"] == findings["failed_requests"] == findings["network_requests"] == []
    assert 0 < findings["ready_in"] < 20


def test_features_appear_and_disappear_at_the_right_dates(browser: Browser, tmp_path: Path) -> None:
    """Against the fake map of the test above (the contract, in plain JS)."""
    page = browser.open_page(fake_map(tmp_path))
    check_map(page)
    assert at(page, "2022-02-01") == {"zones": 2, "incidents": 1}
    assert at(page, "2022-02-28") == {"zones": 2, "incidents": 1}  # the last step on or before
    assert at(page, "2022-03-15") == {"zones": 2, "incidents": 2}
    assert at(page, "2030-01-01") == {"zones": 1, "incidents": 1}
    assert at(page, "1999-01-01") == {"zones": 1, "incidents": 0}  # before the first step: the first


def test_the_time_control_buttons_and_slider_move_the_map(browser: Browser, tmp_path: Path) -> None:
    """Against the fake map (the contract, in plain JS): real clicks on the buttons, a drag of the slider."""
    page = browser.open_page(fake_map(tmp_path))
    check_map(page)
    assert click_forward(page) == "as of 2022-02-01"
    assert click_forward(page) == "as of 2022-03-01"
    assert page.evaluate("return window.atlas.visible()") == {"zones": 2, "incidents": 2}
    assert click_back(page) == "as of 2022-02-01"
    moved = slide(page, 3)
    assert moved == {
        "value": "3",
        "asof": "as of 2022-04-01",
        "date": "2022-04-01",
        "visible": {"zones": 1, "incidents": 1},
    }
    assert click_forward(page) == "as of 2022-04-01"  # the last step stays
    assert page.evaluate("return document.querySelectorAll('.leaflet-marker-pane *').length") == 1


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"ready": False}, "window.atlas.ready never became true"),
        ({"height": 0}, "the map container has no area: 600 x 0 px"),
        ({"forward": False}, "buttons missing from .atlas-time: ['.atlas-forward']"),
        ({"dates": "dates.slice().reverse()"}, "atlas.dates are not sorted and unique"),
        ({"extra": "console.error('tile failed');"}, "console errors:"),
        ({"extra": "fetch('https://unpkg.com/leaflet.js').catch(() => 0);"}, "requests tried to leave the machine"),
    ],
)
def test_check_map_names_what_a_broken_map_breaks(browser: Browser, tmp_path: Path, options, problem) -> None:
    """Fakes (as above) that each break one clause of the contract."""
    page = browser.open_page(fake_map(tmp_path, **options))
    with pytest.raises(AssertionError, match="map contract") as raised:
        check_map(page, timeout=0.5)
    assert problem in str(raised.value)


def test_check_map_wants_the_layers_it_is_told_to_expect(browser: Browser, tmp_path: Path) -> None:
    page = browser.open_page(fake_map(tmp_path))
    with pytest.raises(AssertionError, match=r"layers missing from atlas.visible\(\): \['intensity'\]"):
        check_map(page, expect_layers=["zones", "intensity"])


# --- availability: skip locally, fail on CI ------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "required"),
    [
        ({}, False),
        ({"CI": "true"}, True),
        ({"CI": "false"}, False),
        ({"GEO_REQUIRE_BROWSER": "1"}, True),
        ({"CI": "true", "GEO_REQUIRE_BROWSER": "0"}, False),
    ],
)
def test_browser_required_follows_ci_and_geo_require_browser(monkeypatch, env, required) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GEO_REQUIRE_BROWSER", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert browser_required() is required
    outcome = pytest.fail.Exception if required else pytest.skip.Exception
    with pytest.raises(outcome, match="chromium not found"):
        _unavailable(BrowserUnavailableError("chromium not found: install it"))


def test_launch_says_how_to_install_when_chromium_is_missing(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEO_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(BrowserUnavailableError) as raised, launch():
        pass
    assert f"chromium {str(tmp_path / 'no-chromium')!r} is not an executable file" in str(raised.value)
    assert "sudo apt-get install chromium chromium-driver" in str(raised.value)
