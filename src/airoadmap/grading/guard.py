"""What the harness does to itself before it runs a learner's code: limits and audit hooks.

Runs inside the child process (see `harness.py`), so it imports only the standard library.

Layers, and what each one covers (honestly):

- `apply_rlimits`, `set_memory_limit`: kernel resource limits on the child. RLIMIT_AS caps
  its address space at what is mapped once the checks have imported their libraries plus the
  exercise's `memory_mb` (a real limit: allocation past it fails with MemoryError; it counts
  virtual memory, so it is generous to code that reserves much and touches little);
  RLIMIT_CORE=0 (a crash writes no core file); RLIMIT_FSIZE caps the size of any one file it
  writes (a print loop cannot fill the disk); RLIMIT_NPROC caps the tasks (processes and
  threads) of the real user, system-wide, but the kernel ignores it for root, so it is set
  only when the real user is not root. macOS ignores RLIMIT_AS. `set_cpu_budget`: RLIMIT_CPU
  for an exercise's CPU-time budget (SIGXCPU ends the process; torch mode). In torch mode the
  harness sets no RLIMIT_AS: the parent caps resident memory instead (see `sandbox.py`).
- `install_audit_hooks`: `sys.addaudithook` hooks that refuse starting processes beyond the
  budget, network connections to anything but loopback and unix sockets, writes outside the
  sandbox's folders, and calling process, signal or namespace functions of libc through ctypes.
  Audit hooks see only what Python itself audits: they stop accidents and casual misuse, not
  a determined attacker (C extensions, raw syscalls through pointers, writes through an fd
  obtained otherwise, `os.open(..., dir_fd=)` whose audit event carries no dir_fd, and
  mkfifo/mknod, which are not audited, are invisible to them; the hook's own state can be
  reached by introspection). The real containment is the OS layer the parent
  adds (PID and network namespaces, the pids cgroup, the kill of the whole process tree).
- `bring_loopback_up`: in a fresh network namespace the loopback interface is down; checks that
  start a local HTTP server need it up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

MB = 1024 * 1024

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC

# Audit events that change the file system: event -> ((path index, dir_fd index or -1), ...).
_FS_EVENTS: dict[str, tuple[tuple[int, int], ...]] = {
    "os.remove": ((0, 1),),
    "os.rmdir": ((0, 1),),
    "os.mkdir": ((0, 2),),
    "os.chmod": ((0, 2),),
    "os.chown": ((0, 3),),
    "os.utime": ((0, 3),),
    "os.truncate": ((0, -1),),
    "os.setxattr": ((0, -1),),
    "os.removexattr": ((0, -1),),
    "os.chflags": ((0, -1),),
    "os.lchflags": ((0, -1),),
    "os.rename": ((0, 2), (1, 3)),
    "os.link": ((0, 2), (1, 3)),  # the source too: a hard link shares the inode
    "os.symlink": ((1, 2),),
    "shutil.rmtree": ((0, 1),),
    "shutil.copyfile": ((1, -1),),
    "shutil.copytree": ((1, -1),),
    "shutil.move": ((0, -1), (1, -1)),
    "tempfile.mkstemp": ((0, -1),),
    "tempfile.mkdtemp": ((0, -1),),
}

# Events that start a process; each one spends one unit of the process budget.
_SPAWN_EVENTS = frozenset(
    {"os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.system", "subprocess.Popen"}
)

# libc functions that ctypes may not look up: they bypass the hooks above.
_CTYPES_ALWAYS_BLOCKED = frozenset(
    {
        "kill", "killpg", "tgkill", "syscall", "ptrace", "setrlimit", "prlimit", "prlimit64",
        "mount", "umount", "umount2", "setns", "unshare", "pivot_root", "chroot",
        "unlink", "unlinkat", "rmdir", "rename", "renameat", "renameat2", "remove",
        "truncate", "truncate64", "chmod", "fchmodat", "chown", "lchown", "fchownat",
        "connect", "sendto", "sendmsg",
    }
)  # fmt: skip
_CTYPES_SPAWN_BLOCKED = frozenset(
    {
        "fork", "vfork", "_Fork", "clone", "clone3", "system", "popen",
        "execv", "execve", "execvp", "execvpe", "execl", "execle", "execlp", "fexecve",
        "posix_spawn", "posix_spawnp",
    }
)  # fmt: skip

_AF_PACKET = 17
_SOCK_RAW = 3
_LOCAL_NAMES = frozenset(
    {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "0.0.0.0", "::"}
)


class SandboxViolation(PermissionError):
    """The learner's code tried something the sandbox does not allow (a write outside its
    folder, a network connection, a process beyond the budget)."""


def apply_rlimits(*, memory_mb: int | None, fsize_mb: int, extra_tasks: int) -> None:
    """Set the kernel limits the child can set on itself (see the module docstring)."""
    try:
        import resource
    except ImportError:  # Windows
        return
    import signal

    _set(resource, "RLIMIT_CORE", 0)
    # Past RLIMIT_FSIZE a write fails with EFBIG instead of killing the process with SIGXFSZ.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _set(resource, "RLIMIT_FSIZE", fsize_mb * MB)
    if memory_mb is not None:
        set_memory_limit(memory_mb)
    if sys.platform.startswith("linux") and _real_uid() != 0:
        # RLIMIT_NPROC counts every task (threads too) of the real user, system-wide.
        _set(resource, "RLIMIT_NPROC", _tasks_of_user(os.getuid()) + extra_tasks)


def set_memory_limit(memory_mb: int, *, reserve_mb: int = 64) -> int:
    """Cap the address space at what is mapped now plus `memory_mb`; returns the soft cap.

    The hard cap keeps `reserve_mb` more, so the harness can raise its soft cap after a
    MemoryError and still report it.
    """
    try:
        import resource
    except ImportError:
        return 0
    soft = vm_size() + memory_mb * MB
    try:
        _, hard_now = resource.getrlimit(resource.RLIMIT_AS)
        hard = soft + reserve_mb * MB
        if hard_now != resource.RLIM_INFINITY:
            hard = min(hard, hard_now)
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ValueError, OSError):
        return 0
    return soft


def set_cpu_budget(cpu_s: float, *, grace_s: int = 2) -> int:
    """RLIMIT_CPU at the CPU time used so far plus `cpu_s` (all threads count); returns the
    soft limit in seconds (0 where there is none). Past it the kernel sends SIGXCPU, which
    ends the process; `grace_s` later, SIGKILL."""
    try:
        import math
        import resource
    except ImportError:
        return 0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + cpu_s)
    try:
        _, hard_now = resource.getrlimit(resource.RLIMIT_CPU)
        hard = soft + grace_s
        if hard_now != resource.RLIM_INFINITY:
            hard = min(hard, hard_now)
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        return 0
    return soft


def release_memory_reserve() -> None:
    """Raise the soft address-space cap to the hard one (after a MemoryError, to report it)."""
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    except (ImportError, ValueError, OSError):
        pass


def vm_size() -> int:
    """Bytes of address space mapped now (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _set(resource: Any, name: str, value: int) -> None:
    limit = getattr(resource, name, None)
    if limit is None:
        return
    try:
        _, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(limit, (value, value))
    except (ValueError, OSError):
        pass


def _real_uid() -> int:
    """The user id outside any user namespace (root inside `unshare --map-root-user` is not)."""
    uid = os.getuid()
    try:
        with open("/proc/self/uid_map") as f:
            for line in f:
                inside, outside, count = (int(x) for x in line.split())
                if inside <= uid < inside + count:
                    return outside + uid - inside
    except (OSError, ValueError):
        pass
    return uid


def _tasks_of_user(uid: int) -> int:
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.stat(f"/proc/{name}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{name}/task"))
            except OSError:
                continue
    return count


def bring_loopback_up() -> bool:
    """Set the loopback interface up (needs CAP_NET_ADMIN in this network namespace)."""
    try:
        import _socket
        import fcntl
        import struct

        siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
        sock = _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM)
        try:
            ifreq = struct.pack("16sH22x", b"lo", 0)
            flags = struct.unpack("16sH22x", fcntl.ioctl(sock.fileno(), siocgifflags, ifreq))[1]
            if not flags & iff_up:
                fcntl.ioctl(sock.fileno(), siocsifflags, struct.pack("16sH22x", b"lo", flags | 1))
        finally:
            sock.close()
        return True
    except (OSError, ImportError):
        return False


def install_audit_hooks(
    *, writable_roots: Iterable[str], process_budget: int, harness_pid: int | None = None
) -> None:
    """Install the hooks; they stay until the process ends (audit hooks cannot be removed)."""
    roots = tuple(os.path.realpath(r) for r in writable_roots)
    own_pid = os.getpid() if harness_pid is None else harness_pid
    spawned = [0]
    blocked_symbols = _CTYPES_ALWAYS_BLOCKED | (
        _CTYPES_SPAWN_BLOCKED if process_budget == 0 else frozenset()
    )

    def inside(path: str) -> bool:
        if path == os.devnull:
            return True
        return any(path == r or path.startswith(r + os.sep) for r in roots)

    def check_path(event: str, path: object, dir_fd: object) -> None:
        if path is None or isinstance(path, int):
            return  # an open file descriptor: it passed this guard when it was opened
        resolved = _resolve(path, dir_fd)
        if resolved is None or not inside(resolved):
            shown = resolved or repr(path)
            raise SandboxViolation(
                f"your code tried to change {shown} ({event}), outside its folder: checks may "
                "only write in the exercise folder and the temporary folder (tempfile)"
            )

    def on_open(args: tuple[Any, ...]) -> None:
        path, _mode, flags = args
        if isinstance(flags, int) and flags & _WRITE_FLAGS:
            check_path("open for writing", path, -1)

    def on_fs(event: str, args: tuple[Any, ...]) -> None:
        for path_at, dir_fd_at in _FS_EVENTS[event]:
            if path_at < len(args):
                dir_fd = args[dir_fd_at] if 0 <= dir_fd_at < len(args) else -1
                check_path(event, args[path_at], dir_fd)

    def on_spawn(event: str) -> None:
        if spawned[0] >= process_budget:
            plural = "es" if process_budget > 1 else ""
            allowed = (
                "no other process"
                if process_budget == 0
                else f"{process_budget} extra process{plural} in all"
            )
            raise SandboxViolation(
                f"your code tried to start a process ({event}); this exercise allows {allowed}"
            )
        spawned[0] += 1

    def on_exec() -> None:
        if os.getpid() == own_pid:
            raise SandboxViolation(
                "your code tried to replace the checking process (os.exec*): call functions instead"
            )

    def on_kill(event: str, args: tuple[Any, ...]) -> None:
        target = args[0]
        if not isinstance(target, int) or target == os.getpid() or target == 0:
            return
        try:
            same_session = target not in (-1, 1) and os.getsid(abs(target)) == os.getsid(0)
        except OSError:
            return  # no such process: the call itself fails
        if not same_session:
            raise SandboxViolation(
                f"your code tried to signal process {target} ({event}), which it did not start"
            )

    def on_net(event: str, args: tuple[Any, ...]) -> None:
        if event == "socket.__new__":
            _sock, family, kind, _proto = args
            if family == _AF_PACKET or (isinstance(kind, int) and kind & 0xF == _SOCK_RAW):
                raise SandboxViolation("your code tried to open a raw socket; it is not allowed")
            return
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
            address = args[1]
            if address is None or isinstance(address, str | bytes):
                return  # no address (already connected), or a unix socket path
            if isinstance(address, tuple) and address and not _is_local(address[0]):
                host = address[0]
                port = f":{address[1]}" if len(address) > 1 else ""
                raise SandboxViolation(
                    f"network access is disabled while checking: your code tried to reach "
                    f"{host}{port} (only localhost is allowed)"
                )
            return
        host = args[0]  # getaddrinfo, gethostbyname, gethostbyname_ex, gethostbyaddr
        if not _is_local(host):
            if _is_ip_literal(host):
                port = f":{args[1]}" if event == "socket.getaddrinfo" and args[1] else ""
                raise SandboxViolation(
                    f"network access is disabled while checking: your code tried to reach "
                    f"{host}{port} (only localhost is allowed)"
                )
            raise SandboxViolation(
                f"network access is disabled while checking: your code tried to look up "
                f"{host!r} (only localhost is allowed)"
            )

    def on_dlsym(args: tuple[Any, ...]) -> None:
        name = args[1]
        if isinstance(name, str) and name in blocked_symbols:
            raise SandboxViolation(
                f"your code tried to call the C function {name}() through ctypes; the sandbox "
                "does not allow it"
            )

    handlers: dict[str, Callable[[str, tuple[Any, ...]], None]] = {}
    handlers["open"] = lambda _e, a: on_open(a)
    for name in _FS_EVENTS:
        handlers[name] = on_fs
    for name in _SPAWN_EVENTS:
        handlers[name] = lambda e, _a: on_spawn(e)
    handlers["os.exec"] = lambda _e, _a: on_exec()
    handlers["os.kill"] = on_kill
    handlers["os.killpg"] = on_kill
    for name in (
        "socket.__new__",
        "socket.connect",
        "socket.sendto",
        "socket.sendmsg",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
    ):
        handlers[name] = on_net
    handlers["ctypes.dlsym"] = lambda _e, a: on_dlsym(a)
    lookup = handlers.get

    def hook(event: str, args: tuple[Any, ...]) -> None:
        handler = lookup(event)
        if handler is not None:
            handler(event, args)

    sys.addaudithook(hook)


def _resolve(path: object, dir_fd: object) -> str | None:
    """The absolute, symlink-free form of `path` (relative to `dir_fd` or the cwd)."""
    try:
        text = os.fsdecode(os.fspath(path))  # type: ignore[call-overload]
        if not os.path.isabs(text):
            relative_to_fd = isinstance(dir_fd, int) and dir_fd >= 0
            base = _fd_path(dir_fd) if relative_to_fd else os.getcwd()  # type: ignore[arg-type]
            text = os.path.join(base, text)
        return os.path.realpath(text)
    except (TypeError, ValueError, OSError):
        return None


def _fd_path(fd: int) -> str:
    """The path of an open folder descriptor (Linux /proc, macOS F_GETPATH)."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        import fcntl

        if not hasattr(fcntl, "F_GETPATH"):
            raise
        raw = fcntl.fcntl(fd, fcntl.F_GETPATH, bytes(1024))
        return os.fsdecode(raw.split(b"\0", 1)[0])


def _is_local(host: object) -> bool:
    """Whether `host` names this machine's loopback (strictly: no name that needs DNS)."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").lower()
    if name in _LOCAL_NAMES or name.endswith(".localhost") or name == "":
        return True
    if name.startswith("::ffff:"):
        name = name[len("::ffff:") :]
    parts = name.split(".")
    if len(parts) == 4 and all(p.isdigit() and int(p) <= 255 for p in parts):
        return parts[0] == "127"
    return name in ("::1", "0:0:0:0:0:0:0:1")


def _is_ip_literal(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    parts = host.split(".")
    return ":" in host or (len(parts) == 4 and all(p.isdigit() for p in parts))
