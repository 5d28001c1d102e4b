"""Shared by bench_spark.py and bench_scaling.py: synthetic archives made from the dev reports,
a memory sampler for a process tree, and a description of the machine."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import threading
from pathlib import Path
from typing import Any

DEFAULT_ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev" / "articles.jsonl"


def load_reports(path: Path = DEFAULT_ARTICLES) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def repeated(reports: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` articles: the reports over and over, each copy with its own id and a marker line at the
    end of the text (so every copy is a distinct article; evidence offsets are unchanged)."""
    out = []
    for k in range(n):
        base = reports[k % len(reports)]
        out.append({**base, "id": f"{base['id']}-{k}", "text": f"{base['text']}\n[{k}]"})
    return out


def write_shards(articles: list[dict[str, Any]], folder: Path, shards: int) -> Path:
    """The articles as ``shards`` JSONL files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    handles = [(folder / f"part-{i:03d}.jsonl").open("w", encoding="utf-8") for i in range(shards)]
    try:
        for k, article in enumerate(articles):
            handles[k % shards].write(json.dumps(article, ensure_ascii=False) + "\n")
    finally:
        for handle in handles:
            handle.close()
    return folder


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kind(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return "gone"
    if "org.apache.spark" in cmd and "/java" in cmd.split(" ", 1)[0]:
        return "jvm"
    if "spark-submit" in cmd or "spark-class" in cmd:
        return "spark launcher"
    if "pyspark.daemon" in cmd or "pyspark/daemon" in cmd:
        return "python worker"
    if "multiprocessing" in cmd:
        return "python worker"
    return "python driver" if pid == os.getpid() else "other"


class TreeMemory:
    """Samples the RSS of this process and all its descendants; keeps each process's peak."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, float]] = {}
        self.peak_total = 0.0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval):
                return

    def sample(self) -> None:
        tree = _children()
        todo, total = [os.getpid()], 0.0
        while todo:
            pid = todo.pop()
            todo.extend(tree.get(pid, []))
            rss = _rss_mb(pid)
            if rss is None:
                continue
            total += rss
            _, peak = self.peaks.get(pid, (None, 0.0))
            # classified on every sample: a launcher script exec()s the JVM under the same pid
            self.peaks[pid] = (_kind(pid), max(peak, rss))
            cpu = _cpu_seconds(pid)
            if cpu is not None:
                self.cpu[pid] = cpu
        self.peak_total = max(self.peak_total, total)

    def cpu_by_kind(self) -> dict[str, float]:
        """kind -> CPU seconds (user + system) used by those processes, as last seen."""
        out: dict[str, float] = {}
        for pid, cpu in self.cpu.items():
            kind = self.peaks.get(pid, ("other", 0.0))[0]
            out[kind] = out.get(kind, 0.0) + cpu
        return out

    def by_kind(self) -> dict[str, tuple[int, float]]:
        """kind -> (number of processes seen, largest peak RSS in MB)."""
        out: dict[str, tuple[int, float]] = {}
        for kind, peak in self.peaks.values():
            count, best = out.get(kind, (0, 0.0))
            out[kind] = (count + 1, max(best, peak))
        return out


def code_version() -> str:
    """The tawthiq commit measured (and whether the extraction code had uncommitted edits)."""
    import tawthiq

    root = Path(tawthiq.__file__).resolve().parents[2]
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "src/tawthiq"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"tawthiq from {root} (not a git checkout)"
    return f"tawthiq commit {commit}{' + uncommitted edits' if dirty else ''} ({root})"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        java = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False).stderr
        java = java.splitlines()[0] if java else "no java"
    except OSError:
        java = "no java"
    with open("/proc/meminfo", encoding="utf-8") as f:
        mem_gib = int(f.readline().split()[1]) / 1024 / 1024
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem_gib:.0f} GiB, Python {platform.python_version()}, "
        f"{java}; load average {load}"
    )
