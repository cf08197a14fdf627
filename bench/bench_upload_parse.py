"""What a CSV upload near the 5 MB cap costs the server: CPU seconds and memory, one file and ten at once. A script.

    .venv/bin/python bench/bench_upload_parse.py [--files 10]

The explorer parses an upload twice (ui/own_data.py): ``core.io.csv_columns`` for the column pickers, then
``core.io.load_labeled_csv``. Each case runs in a fresh Python process: the CPU seconds of both parses and the
process's resident memory (RSS) before, at its peak and after (what was not given back). "ten at once" parses
``--files`` different files of that shape on as many threads at the same moment, as a class uploading together.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAP = 5 * 1024 * 1024  # .streamlit/config.toml: maxUploadSize = 5 (MB)

SHAPES = {  # name: one row (i: the row number)
    "x1,x2,label floats": lambda i: f"{(i * 7919) % 10007 / 997:.6f},{(i * 104729) % 10009 / 1009:.6f},"
                                    f"{'ab'[i % 2]}\n",
    "tiny cells (1,2,a)": lambda i: f"{i % 10},{(i * 3) % 7},{'ab'[i % 2]}\n",
    "12 numeric columns": lambda i: ",".join(f"{(i * (k + 3)) % 101 / 7:.3f}" for k in range(11)) + f",{i % 3}\n",
}


def make_csv(shape: str, salt: int = 0) -> bytes:
    header = "x1,x2,label\n" if not shape.startswith("12") else ",".join(f"c{k}" for k in range(11)) + ",label\n"
    row, out, size, i = SHAPES[shape], [header], len(header), salt
    while True:
        line = row(i)
        if size + len(line) > CAP - 1024:  # just under the cap, with room for the multipart framing
            return "".join(out).encode()
        out.append(line)
        size += len(line)
        i += 1


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


def child(shape: str, files: int):
    """In a fresh process: parse ``files`` files of ``shape`` at once; print the numbers as JSON."""
    sys.path.insert(0, str(ROOT))
    import threading

    from core.io import csv_columns, load_labeled_csv
    datas = [make_csv(shape, salt) for salt in range(files)]
    before, peak = rss_mb(), [0.0]
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mb())
            time.sleep(0.005)

    def parse(data):
        csv_columns(data)
        load_labeled_csv(data)

    watcher = threading.Thread(target=watch)
    watcher.start()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    workers = [threading.Thread(target=parse, args=(d,)) for d in datas]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    stop.set()
    watcher.join()
    peak_rss = max(peak[0], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    rows = datas[0].count(b"\n") - 1
    print(json.dumps({"shape": shape, "files": files, "rows per file": rows, "MB per file": len(datas[0]) / 2**20,
                      "CPU s": cpu, "wall s": wall, "RSS before": before, "RSS peak": peak_rss,
                      "RSS after": rss_mb()}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10, help="files parsed at once in the second run")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], int(args.child[1]))
    print("| shape | files at once | rows per file | CPU s | wall s | RSS MB: before → peak → after | "
          "peak − before per file |")
    print("|---|---:|---:|---:|---:|---|---:|")
    for shape in SHAPES:
        for files in (1, args.files):
            out = subprocess.run([sys.executable, __file__, "--child", shape, str(files)], capture_output=True,
                                 text=True, check=True).stdout
            r = json.loads(out)
            print(f"| {shape} | {files} | {r['rows per file']:,} | {r['CPU s']:.1f} | {r['wall s']:.1f} "
                  f"| {r['RSS before']:.0f} → {r['RSS peak']:.0f} → {r['RSS after']:.0f} "
                  f"| {(r['RSS peak'] - r['RSS before']) / files:.0f} |", flush=True)


if __name__ == "__main__":
    main()
