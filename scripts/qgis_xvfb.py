"""The real QGIS desktop on a private Xvfb display, driven by a startup script.

Used by the smoke test (tests/plugin/test_smoke_xvfb.py) and by scripts/screenshots.py:

    with xvfb() as display:
        run_qgis(profiles_path, "startup.py", display, timeout=60)

Xvfb picks a free display itself (``-displayfd``); both processes run in their own process
group and are killed with it, so nothing outlives the caller.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path


def _kill_group(proc: subprocess.Popen, wait: float = 10) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(wait)


@contextlib.contextmanager
def xvfb(size: str = "1600x1000x24", timeout: float = 20) -> Iterator[str]:
    """A fresh Xvfb on a free display number; yields its DISPLAY value (":N")."""
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=[write_end],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], timeout)
        number = os.read(read_end, 32).decode().strip() if ready else ""
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        os.close(read_end)
        _kill_group(proc)


def run_qgis(
    profiles_path: Path,
    code: Path,
    display: str,
    *,
    timeout: float = 60,
    project: Path | None = None,
    env: dict[str, str] | None = None,
    screenshot_dir: Path | None = None,
) -> subprocess.CompletedProcess:
    """Start ``qgis`` in the "default" profile under ``profiles_path`` (QGIS adds
    "profiles/"), run ``code`` at startup, and wait until it quits QGIS. On a timeout the
    screen goes to ``screenshot_dir``/qgis-timeout.png."""
    command = [
        "qgis",
        "--profiles-path",
        str(profiles_path),
        "--profile",
        "default",
        "--nologo",
        "--code",
        str(code),
    ]
    if project is not None:
        command.append(str(project))
    run_env = {k: v for k, v in (env or os.environ).items() if k != "QT_QPA_PLATFORM"}
    run_env.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    proc = subprocess.Popen(
        command,
        env=run_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        shot = None
        if screenshot_dir is not None:  # what held QGIS up (a dialog?) is in the picture
            shot = screenshot_dir / "qgis-timeout.png"
            subprocess.run(["import", "-window", "root", str(shot)], env=run_env, check=False)
        _kill_group(proc)
        output, _ = proc.communicate()
        raise RuntimeError(
            f"QGIS did not quit within {timeout:.0f} s (screen: {shot}):\n{output[-3000:]}"
        ) from None
    finally:
        _kill_group(proc)
    return subprocess.CompletedProcess(command, proc.returncode, output, "")


def write_profile_settings(profile: Path, values: dict[str, dict[str, object]]) -> None:
    """The profile's QGIS/QGIS3.ini before QGIS first starts: {section: {key: value}}."""
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for section, items in values.items():
        lines.append(f"[{section}]")
        lines += [
            f"{key}={str(value).lower() if isinstance(value, bool) else value}"
            for key, value in items.items()
        ]
        lines.append("")
    ini.write_text("\n".join(lines), encoding="utf-8")
