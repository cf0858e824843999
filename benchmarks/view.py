"""The HTML view at scale: file size, write time, and how fast headless Chromium draws it.

    python benchmarks/view.py [--meetings 10000] [--people 5000] [--rounds 3] [--keep FILE]
                              [--screenshot PNG]

Builds the synthetic graph of benchmarks/queries.py (`synthetic_graph`: every meeting with two
or three people, a date, a place, topics and a source sentence), writes it with
`kg.write_html`, and reports the file's size and the time to write it. Then it opens the file
`--rounds` times in headless Chromium (benchmarks/browser.py, network blocked) and reports,
from the page's own clock: the data read, the lists built (every person and meeting in the
DOM), ForceAtlas2 done, and the network's first frame (the page's ready flag); and, panning the
camera for three seconds, the time between frames. Chromium draws WebGL in software here
(SwiftShader, no GPU), so frame times are an upper bound for a desktop browser.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE] + [str(_HERE)]

from browser import chromium, console_errors, missing, open_page, requested  # noqa: E402
from machine import load_average  # noqa: E402

import kg  # noqa: E402

__all__ = ["main", "pan_frames"]

# Pan the camera to and fro for `ms` milliseconds, as a drag does (sigma's camera animation: the
# page hides edges and labels while the camera moves, as on a drag), and return the time
# between frames.
_PAN = """
const [ms, done] = arguments;
const camera = window.__diplograph.network.renderer.getCamera();
const start = camera.getState();
const gaps = [];
let last = performance.now();
const t0 = last;
let leg = 0;
function move() {
  leg += 1;
  const x = start.x + (leg % 2 ? 0.25 : -0.25);
  camera.animate({x, y: start.y}, {duration: 500, easing: "linear"}, () => {
    if (performance.now() - t0 < ms) move();
  });
}
function frame(now) {
  gaps.push(now - last);
  last = now;
  if (now - t0 < ms) requestAnimationFrame(frame);
  else setTimeout(() => { camera.setState(start); done(gaps.slice(1)); }, 600);
}
move();
requestAnimationFrame(frame);
"""


def _synthetic_graph() -> Callable[..., Any]:
    # benchmarks/queries.py shares its name with the queries package: load it by path.
    spec = importlib.util.spec_from_file_location("diplograph_bench_queries", _HERE / "queries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_graph


def pan_frames(driver: Any, ms: int = 3000) -> list[float]:
    """Milliseconds between frames while the camera pans for `ms` milliseconds."""
    driver.set_script_timeout(ms / 1000 + 30)
    return driver.execute_async_script(_PAN, ms)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meetings", type=int, default=10_000, help="meetings (10000)")
    parser.add_argument("--people", type=int, default=5_000, help="people (5000)")
    parser.add_argument("--rounds", type=int, default=3, help="page loads (3)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--keep", type=Path, help="also copy the page here")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the page here")
    args = parser.parse_args(argv)
    print(f"load average at start: {load_average()}")

    G, _, _ = _synthetic_graph()(args.meetings, args.people, seed=args.seed)
    with tempfile.TemporaryDirectory(prefix="diplograph-view-") as tmp:
        page = Path(tmp) / "view.html"
        start = time.perf_counter()
        kg.write_html(G, page)
        wrote = time.perf_counter() - start
        size = page.stat().st_size
        print(f"{args.meetings:,} meetings, {args.people:,} people: {size / 2**20:.1f} MiB "
              f"({size:,} bytes), written in {wrote:.2f} s")
        if args.keep:
            args.keep.write_bytes(page.read_bytes())
        reason = missing()
        if reason:
            print(f"no browser, so no render timings: {reason}")
            return 0
        print(f"\n{'round':<7}{'data':>9}{'lists':>9}{'laid out':>10}{'first frame':>13}"
              f"{'wall':>9}   (ms since navigation; wall: driver.get to ready)")
        with chromium() as driver:
            for round_ in range(1, args.rounds + 1):
                opened = open_page(driver, page, timeout=300)
                t = opened.timings
                print(f"{round_:<7}{t['data']:>9.0f}{t['lists']:>9.0f}{t['laidOut']:>10.0f}"
                      f"{t['firstRender']:>13.0f}{1000 * opened.seconds:>9.0f}")
                problems = [u for u in requested(driver) if u != opened.url]
                errors = console_errors(driver)
                if problems or errors:
                    print(f"  requests other than the file: {problems}; console errors: {errors}")
            gaps = sorted(pan_frames(driver))
            if args.screenshot:
                driver.save_screenshot(str(args.screenshot))
        p95 = gaps[min(len(gaps) - 1, round(0.95 * (len(gaps) - 1)))]
        print(f"\npanning for 3 s: {len(gaps)} frames, median {statistics.median(gaps):.1f} ms "
              f"({1000 / statistics.median(gaps):.0f} frames/s), p95 {p95:.1f} ms, "
              f"{sum(g > 50 for g in gaps)} frames over 50 ms")
    print(f"load average at the end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
