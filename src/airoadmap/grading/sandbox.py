"""The parent side of the grader: start the harness in a confined child process, collect reports.

Layers (each one optional where the OS lacks it; the audit hooks of `guard.py` always apply):

- a fresh process: `sys.executable -I` (no user site, no PYTHON* variables) in a new session,
  with a scrubbed environment (see `sandbox_env`) and the working copy as its cwd;
- Linux namespaces via util-linux `unshare`: a network namespace (no interface but loopback,
  which the harness brings up, so nothing leaves the machine) and a PID namespace (when its
  first process ends, the kernel kills every process the learner's code left behind). As root
  plain `unshare`; otherwise `unshare --user --map-root-user` where user namespaces are
  allowed. Probed once per process; when neither works, GradeReport.notes says so;
- the pids cgroup (v1, or v2 with pids delegated to our cgroup), when writable: a hard cap on
  the number of tasks (processes and threads), so even a fork bomb through ctypes stops;
- the wall-time limit: at the deadline the whole process group (and cgroup) gets SIGKILL;
  the tree is also killed after every normal run, so nothing outlives a check;
- torch mode (an exercise whose limits set `threads` or `gpu`): BLAS/OpenMP/torch threads set
  to `threads` (default: the cores this process may use), CUDA hidden unless `gpu`, and the
  memory limit on resident memory instead of address space (CUDA reserves far more address
  space than it uses): a memory cgroup (v2 memory.max, v1 memory.limit_in_bytes) where
  writable, else the parent watches the resident memory of the process tree and kills it
  past the limit. Outside torch mode CUDA is hidden too, and the harness caps the address
  space (RLIMIT_AS). A CPU-time budget (`cpu_s`, all threads together) is RLIMIT_CPU in the
  harness.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from airoadmap.errors import GradingError

NETWORK_NOTE = "network isolation unavailable on this OS; only the Python guard applies"
NETWORK_OFF_NOTE = "network isolation turned off; only the Python guard applies"
_BOOT = (
    "import sys\n"
    "if sys.argv[1] not in sys.path: sys.path.append(sys.argv[1])\n"
    "from airoadmap.grading.harness import main\n"
    "main()\n"
)
_OUTPUT_TAIL_BYTES = 16_000
_MAX_REPORT_BYTES = 4_000_000
_EXIT_GRACE_S = 2.0  # after `done`, how long the harness may take to exit before it is killed
_RSS_POLL_S = 0.05  # how often the parent reads the tree's resident memory (no memory cgroup)
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                     "NUMEXPR_NUM_THREADS")  # fmt: skip


@dataclass(frozen=True)
class SandboxLimits:
    """What one run may use: wall time, address space, extra processes, file size."""

    timeout_s: float
    memory_mb: int
    processes: int = 0
    fsize_mb: int = 512
    cpu_s: float | None = None  # CPU-time budget of the checks, all threads together
    threads: int | None = None  # BLAS/OpenMP/torch threads (None: 1, or the cores in torch mode)
    gpu: bool = False  # CUDA devices visible

    @property
    def torch_mode(self) -> bool:
        """Threads or a GPU asked for: memory is capped by a cgroup or RSS watching, not by
        the address space (CUDA reserves far more address space than it uses)."""
        return self.threads is not None or self.gpu


@dataclass
class HarnessRun:
    """What came back from one run of the harness."""

    messages: list[dict[str, Any]]
    returncode: int | None  # as subprocess reports it: negative = killed by that signal
    timed_out: bool
    duration_s: float
    output_tail: str  # the end of what the child wrote on stdout/stderr
    notes: list[str] = field(default_factory=list)
    max_rss_kb: int = 0
    # Linux starts a child's ru_maxrss at its parent's (kept across fork and exec): a peak at
    # or below this says nothing about the child's own use.
    inherited_rss_kb: int = 0
    memory_exceeded: bool = False  # torch mode: stopped by the memory cgroup or RSS watching
    cpu_time_s: float = 0.0  # user + system CPU time of the child and what it waited for

    def kinds(self) -> list[str]:
        return [m.get("kind", "") for m in self.messages]


def run_harness(
    *,
    exercise_id: str,
    checks_file: Path,
    root: Path,
    workdir: Path,
    limits: SandboxLimits,
    extra_env: dict[str, str] | None = None,
    isolate: bool = True,
    options: dict[str, Any] | None = None,
) -> HarnessRun:
    """Run the checks of `checks_file` on `workdir` (inside the sandbox folder `root`).

    `options`: more JSON fields for the harness's request (the import fence, the bars).
    """
    notes: list[str] = []
    isolate = isolate and os.environ.get("AIROADMAP_SANDBOX_NAMESPACES") != "0"
    wrapper = namespace_wrapper() if isolate else None
    if not isolate:
        notes.append(NETWORK_OFF_NOTE)
    elif wrapper is None:
        notes.append(NETWORK_NOTE)
    threads = limits.threads or (available_cores() if limits.torch_mode else None)
    env = sandbox_env(root, extra_env, threads=threads, gpu=limits.gpu)
    for folder in ("HOME", "TMPDIR"):
        Path(env[folder]).mkdir(parents=True, exist_ok=True)
    _seed_matplotlib_cache(Path(env["MPLCONFIGDIR"]))
    cgroup = PidsCgroup.create(256 + 64 * limits.processes + 4 * (threads or 0))
    memory_cgroup = MemoryCgroup.create(limits.memory_mb) if limits.torch_mode else None
    cgroups: list[Cgroup] = [c for c in (cgroup, memory_cgroup) if c is not None]
    token = secrets.token_hex(16)
    read_fd, write_fd = os.pipe()
    log_path = root / "output.log"
    started = time.monotonic()
    deadline = started + limits.timeout_s
    request = {
        "token": token,
        "result_fd": write_fd,
        "exercise_id": exercise_id,
        "checks_file": str(checks_file),
        "workdir": str(workdir),
        "writable": [str(root)],
        "deadline": time.time() + limits.timeout_s,
        "memory_mb": limits.memory_mb,
        "processes": limits.processes,
        "fsize_mb": limits.fsize_mb,
        "netns": wrapper is not None,
        "cgroup_procs": cgroup.procs_file if cgroup else None,
        "memory_cgroup_procs": memory_cgroup.procs_file if memory_cgroup else None,
        "address_space_limit": not limits.torch_mode,
        "threads": threads,
        "cpu_s": limits.cpu_s,
        **(options or {}),
    }
    src = str(Path(__file__).resolve().parents[2])
    command = [*(wrapper or []), sys.executable, "-I", "-c", _BOOT, src]
    proc: subprocess.Popen[bytes] | None = None
    try:
        with open(log_path, "wb") as log:
            try:
                proc = subprocess.Popen(
                    command,
                    stdin=subprocess.PIPE,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=workdir,
                    env=env,
                    pass_fds=(write_fd,),
                    start_new_session=True,
                )
            except OSError as exc:
                raise GradingError(
                    f"Could not start the grader's Python ({sys.executable}): {exc}."
                ) from exc
        os.close(write_fd)
        write_fd = -1
        _no_core_dumps(proc.pid)
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.write(json.dumps(request).encode())
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
        watch = (
            RssWatch(proc.pid, limits.memory_mb)
            if limits.torch_mode and memory_cgroup is None
            else None
        )
        collected = _collect(proc, read_fd, token, deadline, cgroups, watch)
        messages, timed_out, status, usage = collected
        memory_exceeded = (watch is not None and watch.exceeded) or (
            memory_cgroup is not None and memory_cgroup.oom_killed()
        )
    finally:
        for fd in (read_fd, write_fd):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if proc is not None and proc.returncode is None:
            _kill_tree(proc.pid, cgroups)
            with contextlib.suppress(Exception):
                proc.wait(timeout=5)
        for group in cgroups:
            group.remove()
    duration = time.monotonic() - started
    _keep_matplotlib_cache(Path(env["MPLCONFIGDIR"]))
    return HarnessRun(
        messages=messages,
        returncode=status,
        timed_out=timed_out,
        duration_s=duration,
        output_tail=_tail(log_path),
        notes=notes,
        max_rss_kb=usage[0],
        inherited_rss_kb=_own_peak_rss_kb(),
        memory_exceeded=memory_exceeded,
        cpu_time_s=usage[1],
    )


def _collect(
    proc: subprocess.Popen[bytes],
    read_fd: int,
    token: str,
    deadline: float,
    cgroups: list[Cgroup],
    watch: RssWatch | None = None,
) -> tuple[list[dict[str, Any]], bool, int | None, tuple[int, float]]:
    """Read reports until `done`, end of pipe, exit, the deadline or (with `watch`) the memory
    limit; then reap the child: (messages, timed out, exit status, (peak RSS KiB, CPU s))."""
    wake_r, wake_w = os.pipe()
    exited = threading.Event()

    def wait_for_exit() -> None:
        # Wait without reaping, so the process group id cannot be reused while we kill it.
        with contextlib.suppress(ChildProcessError, OSError):
            if hasattr(os, "waitid"):
                os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
            else:  # pragma: no cover - platforms without waitid
                proc.wait()
        _kill_tree(proc.pid, cgroups)
        exited.set()
        with contextlib.suppress(OSError):
            os.write(wake_w, b"x")

    waiter = threading.Thread(target=wait_for_exit, name="airoadmap-sandbox-wait", daemon=True)
    waiter.start()
    messages: list[dict[str, Any]] = []
    buffer = bytearray()
    received = 0
    timed_out = False
    done = False
    with selectors.DefaultSelector() as selector:
        selector.register(read_fd, selectors.EVENT_READ)
        selector.register(wake_r, selectors.EVENT_READ)
        open_pipe = True
        while open_pipe and not done:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            if watch is not None:
                if watch.check():
                    break
                remaining = min(remaining, _RSS_POLL_S)
            ready = {key.fd for key, _ in selector.select(remaining)}
            if read_fd in ready or wake_r in ready:
                if wake_r in ready:
                    os.set_blocking(read_fd, False)  # the child is gone: take what is left
                chunk = _read_available(read_fd)
                if not chunk:
                    open_pipe = False
                received += len(chunk)
                if received <= _MAX_REPORT_BYTES:
                    buffer += chunk
                done = _parse_lines(buffer, token, messages)
                if wake_r in ready:
                    break
    if done and not exited.is_set():
        exited.wait(min(_EXIT_GRACE_S, max(deadline - time.monotonic(), 0.0)) + 0.05)
    if not exited.is_set():
        if watch is not None and watch.exceeded:
            pass  # killed below for its memory
        elif not done and not open_pipe:  # channel closed, process alive: wait for the deadline
            while not exited.wait(min(max(deadline - time.monotonic(), 0.0), _RSS_POLL_S)):
                if time.monotonic() >= deadline or (watch is not None and watch.check()):
                    break
            timed_out = not exited.is_set() and not (watch is not None and watch.exceeded)
        elif not done:
            timed_out = True
        _kill_tree(proc.pid, cgroups)
        exited.wait(10)
    waiter.join(1)
    for fd in (wake_r, wake_w):
        os.close(fd)
    status, rss = _reap(proc)
    return messages, timed_out, status, rss


def _read_available(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        chunks.append(chunk)
        if os.get_blocking(fd):
            break
    return b"".join(chunks)


def _parse_lines(buffer: bytearray, token: str, out: list[dict[str, Any]]) -> bool:
    """Move the complete, authentic JSON lines of `buffer` into `out`; True once `done` came."""
    done = False
    while True:
        end = buffer.find(b"\n")
        if end < 0:
            return done
        line = bytes(buffer[:end])
        del buffer[: end + 1]
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if isinstance(message, dict) and message.get("token") == token:
            message.pop("token")
            out.append(message)
            done = done or message.get("kind") == "done"


def _reap(proc: subprocess.Popen[bytes]) -> tuple[int | None, tuple[int, float]]:
    """Collect the exit status and, where wait4 exists, the peak memory (KiB) and CPU seconds
    of the finished child (including the descendants it waited for)."""
    try:
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu = float(usage.ru_utime + usage.ru_stime)
            return proc.returncode, (int(usage.ru_maxrss), cpu)
        proc.wait()
    except ChildProcessError:
        pass
    return proc.returncode, (0, 0.0)


def _kill_tree(pid: int, cgroups: list[Cgroup]) -> None:
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    for group in cgroups:
        group.kill_all()


def _no_core_dumps(pid: int) -> None:
    """No core file when the wrapper re-raises a crash signal (the harness sets its own)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    prlimit = getattr(resource, "prlimit", None)
    if prlimit is not None:
        with contextlib.suppress(OSError, ValueError):
            prlimit(pid, resource.RLIMIT_CORE, (0, 0))


def _tail(path: Path) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(f.tell() - _OUTPUT_TAIL_BYTES, 0))
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def sandbox_env(
    root: Path,
    extra_env: dict[str, str] | None = None,
    *,
    threads: int | None = None,
    gpu: bool = False,
) -> dict[str, str]:
    """The child's whole environment: nothing of the parent's but PATH, locale and time zone.

    Tokens, database URLs and other secrets of the parent never reach the learner's code.
    HOME and the temp folder point inside the sandbox folder; libraries run single-threaded
    (fast start, stable timings) unless `threads` or `extra_env` says otherwise; CUDA devices
    are hidden unless `gpu` (then the parent's CUDA_VISIBLE_DEVICES, if any, passes).
    """
    home = root / "home"
    tmp = root / "tmp"
    bin_dir = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", os.defpath)
    if bin_dir not in path.split(os.pathsep):
        path = bin_dir + os.pathsep + path
    env = {
        "PATH": path,
        "HOME": str(home),
        "USERPROFILE": str(home),
        "TMPDIR": str(tmp),
        "TEMP": str(tmp),
        "TMP": str(tmp),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(home / ".matplotlib"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "JOBLIB_TEMP_FOLDER": str(tmp),
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "MALLOC_ARENA_MAX": "2",  # per-thread malloc arenas reserve address space (RLIMIT_AS)
        "NO_COLOR": "1",
        # Data sets: read from the user's cache in place (writes there are refused), never
        # downloaded (there is no network in the sandbox).
        "AIROADMAP_CACHE_DIR": str(user_cache_dir()),
        "AIROADMAP_OFFLINE": "1",
    }
    for name in ("LC_ALL", "LC_CTYPE", "TZ", "SYSTEMROOT", "WINDIR"):
        if name in os.environ:
            env[name] = os.environ[name]
    if threads:
        env.update(dict.fromkeys(_THREAD_VARIABLES, str(threads)))
        # Idle OpenMP threads sleep instead of spinning: the CPU-time budget then counts
        # work, and a loaded machine is not slowed further by threads waiting for a core.
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    if not gpu:
        env["CUDA_VISIBLE_DEVICES"] = ""
    elif "CUDA_VISIBLE_DEVICES" in os.environ:
        env["CUDA_VISIBLE_DEVICES"] = os.environ["CUDA_VISIBLE_DEVICES"]
    env.update(extra_env or {})
    return env


def available_cores() -> int:
    """The CPU cores this process may run on (its affinity mask where the OS has one)."""
    getaffinity = getattr(os, "sched_getaffinity", None)
    if getaffinity is not None:
        with contextlib.suppress(OSError):
            return max(len(getaffinity(0)), 1)
    return os.cpu_count() or 1


@cache
def namespace_wrapper() -> list[str] | None:
    """The `unshare` prefix that gives a child its own network and PID namespaces, or None.

    Probed once per process (a few milliseconds): as root plain namespaces, otherwise a user
    namespace mapping the user to root inside it, where the kernel allows that.
    """
    if not sys.platform.startswith("linux"):
        return None
    unshare = shutil.which("unshare")
    true = shutil.which("true")
    if unshare is None or true is None:
        return None
    tail = ["--net", "--pid", "--fork", "--kill-child"]
    candidates = [[unshare, *tail]] if os.geteuid() == 0 else []
    candidates.append([unshare, "--user", "--map-root-user", *tail])
    for prefix in candidates:
        try:
            probe = subprocess.run(
                [*prefix, true], capture_output=True, timeout=10, env={"PATH": os.defpath}
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return prefix
    return None


class Cgroup:
    """A throwaway cgroup of one run: the harness joins it; killed and removed afterwards."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.procs_file = str(path / "cgroup.procs")

    @classmethod
    def _make(cls, base: Path | None, settings: dict[str, str]) -> Path | None:
        """A new cgroup under `base` with `settings` (file -> value; the first one must take)."""
        if base is None:
            return None
        _sweep_stale_cgroups(base)
        path = base / f"airoadmap-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
        except OSError:
            return None
        for index, (name, value) in enumerate(settings.items()):
            try:
                (path / name).write_text(value)
            except OSError:
                if index == 0:
                    with contextlib.suppress(OSError):
                        path.rmdir()
                    return None
        return path

    def kill_all(self) -> None:
        """SIGKILL every task still in the cgroup (v2's cgroup.kill where it exists)."""
        kill_file = self.path / "cgroup.kill"
        if kill_file.exists():
            with contextlib.suppress(OSError):
                kill_file.write_text("1")
                return
        for _ in range(3):
            try:
                pids = [int(p) for p in Path(self.procs_file).read_text().split()]
            except (OSError, ValueError):
                return
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)

    def remove(self, patience_s: float = 1.0) -> None:
        """Remove the cgroup once its tasks are gone (after a fork bomb the kernel takes a
        moment); one still busy after `patience_s` is swept by a later run."""
        give_up = time.monotonic() + patience_s
        pause = 0.001
        while True:
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                if time.monotonic() > give_up:
                    return
                self.kill_all()
                time.sleep(pause)
                pause = min(pause * 2, 0.05)


class PidsCgroup(Cgroup):
    """A pids cgroup capping the number of tasks of one run (where writable)."""

    @classmethod
    def create(cls, max_tasks: int) -> PidsCgroup | None:
        path = cls._make(_pids_cgroup_base(), {"pids.max": str(max_tasks)})
        return cls(path) if path else None


class MemoryCgroup(Cgroup):
    """A memory cgroup capping the resident memory of one run (torch mode, where writable)."""

    @classmethod
    def create(cls, memory_mb: int) -> MemoryCgroup | None:
        found = _memory_cgroup_base()
        if found is None:
            return None
        base, version = found
        limit = str(memory_mb * 1024 * 1024)
        settings = (
            {"memory.max": limit, "memory.swap.max": "0"}
            if version == 2
            else {"memory.limit_in_bytes": limit, "memory.memsw.limit_in_bytes": limit}
        )
        path = cls._make(base, settings)
        return cls(path) if path else None

    def oom_killed(self) -> bool:
        """Whether the kernel killed a task of this cgroup for its memory limit."""
        for name in ("memory.events", "memory.oom_control"):
            with contextlib.suppress(OSError, ValueError):
                for line in (self.path / name).read_text().splitlines():
                    key, _, value = line.partition(" ")
                    if key == "oom_kill" and int(value) > 0:
                        return True
        return False


class RssWatch:
    """The parent's memory limit where no memory cgroup is writable: the resident memory of
    the child's process tree, read from /proc every few milliseconds, against the limit."""

    def __init__(self, pid: int, memory_mb: int) -> None:
        self.pid = pid
        self.limit_kb = memory_mb * 1024
        self.exceeded = False
        self.peak_kb = 0

    def check(self) -> bool:
        """Read the tree's resident memory now; True (and `exceeded`) once past the limit."""
        if not self.exceeded:
            total = sum(_rss_kb(pid) for pid in _process_tree(self.pid))
            self.peak_kb = max(self.peak_kb, total)
            self.exceeded = total > self.limit_kb
        return self.exceeded


def _process_tree(root: int) -> list[int]:
    """`root` and its descendants (Linux /proc children lists; its process group otherwise)."""
    found: list[int] = []
    pending = [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    pending.extend(int(c) for c in f.read().split())
            except (OSError, ValueError):
                continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _sweep_stale_cgroups(base: Path) -> None:
    """Remove the empty cgroups that earlier runs of dead grader processes left behind."""
    with contextlib.suppress(OSError):
        for entry in base.glob("airoadmap-*-*"):
            owner = entry.name.split("-")[1]
            if (
                owner.isdigit()
                and int(owner) != os.getpid()
                and not Path(f"/proc/{owner}").exists()
            ):
                with contextlib.suppress(OSError):
                    entry.rmdir()


@cache
def _pids_cgroup_base() -> Path | None:
    """Where this process may create pids cgroups, or None (no cgroups, or not writable)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if "pids" in controllers.split(","):
            base = Path("/sys/fs/cgroup/pids") / path.lstrip("/")
            return base if os.access(base, os.W_OK) else None
    for line in lines:
        if line.startswith("0::"):
            base = Path("/sys/fs/cgroup") / line[3:].lstrip("/")
            try:
                delegated = "pids" in (base / "cgroup.subtree_control").read_text().split()
            except OSError:
                return None
            return base if delegated and os.access(base, os.W_OK) else None
    return None


@cache
def _memory_cgroup_base() -> tuple[Path, int] | None:
    """Where this process may create memory cgroups, and the cgroup version, or None."""
    if not sys.platform.startswith("linux") or os.environ.get("AIROADMAP_MEMORY_CGROUP") == "0":
        return None
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if "memory" in controllers.split(","):
            base = Path("/sys/fs/cgroup/memory") / path.lstrip("/")
            usable = os.access(base, os.W_OK) and (base / "memory.limit_in_bytes").exists()
            return (base, 1) if usable else None
    for line in lines:
        if line.startswith("0::"):
            base = Path("/sys/fs/cgroup") / line[3:].lstrip("/")
            try:
                delegated = "memory" in (base / "cgroup.subtree_control").read_text().split()
            except OSError:
                return None
            return (base, 2) if delegated and os.access(base, os.W_OK) else None
    return None


def user_cache_dir() -> Path:
    """airoadmap's cache root, as `airoadmap.datasets` finds it (AIROADMAP_CACHE_DIR first)."""
    override = os.environ.get("AIROADMAP_CACHE_DIR")
    if override:
        return Path(override).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_cache_dir("airoadmap", appauthor=False))


def _matplotlib_cache_store() -> Path:
    return user_cache_dir() / "sandbox" / "matplotlib"


def _seed_matplotlib_cache(target: Path) -> None:
    """Copy matplotlib's font list into the sandbox, so its first import skips a slow scan."""
    store = _matplotlib_cache_store()
    with contextlib.suppress(OSError):
        for cached in store.glob("fontlist-*.json"):
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target / cached.name)


def _keep_matplotlib_cache(source: Path) -> None:
    """Keep the font list a run built, for the next runs (only when none is kept yet)."""
    store = _matplotlib_cache_store()
    with contextlib.suppress(OSError):
        built = list(source.glob("fontlist-*.json"))
        if built and not any(store.glob("fontlist-*.json")):
            store.mkdir(parents=True, exist_ok=True)
            for path in built:
                if path.is_file() and not path.is_symlink() and path.stat().st_size < 5_000_000:
                    shutil.copyfile(path, store / path.name)


def isolation_report() -> list[tuple[str, bool, str]]:
    """What isolates a learner's code on this machine, for `airoadmap doctor`."""
    wrapper = namespace_wrapper()
    net = (
        ("network", True, "own network and PID namespaces (" + " ".join(wrapper[1:]) + ")")
        if wrapper
        else ("network", False, "no namespaces on this OS: only the Python guard blocks network")
    )
    cgroup = _pids_cgroup_base()
    procs = (
        ("processes", True, f"pids cgroup under {cgroup} + audit hook")
        if cgroup
        else ("processes", True, "audit hook + RLIMIT_NPROC where not root (no pids cgroup)")
    )
    return [net, procs, ("files", True, "writes outside the working copy refused (audit hook)")]


def _own_peak_rss_kb() -> int:
    """This process's peak resident memory (KiB on Linux), which its children start from."""
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
