"""Removable drives (USB sticks) the user can back up to, found without running any program.

Data moves between offline workstations only on USB sticks, so the backup window offers every
stick that is plugged in. Detection reads what the OS publishes:

- Linux: ``/proc/mounts``; a mount counts when it lies under the desktop's automount folders
  (``/media/$USER``, ``/run/media/$USER``, ``/media``) or its block device is marked removable or
  hangs off a USB bus in ``/sys/class/block``;
- Windows: ``GetLogicalDrives`` and ``GetDriveTypeW`` (``DRIVE_REMOVABLE``) through ctypes;
- macOS: the volumes under ``/Volumes`` other than the start-up disk.

Backups go to a ``DNQP-backups`` folder on the drive, so they are easy to find and never mixed
with the user's own files.
"""

from __future__ import annotations

import getpass
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

BACKUP_FOLDER_NAME = "DNQP-backups"
_PSEUDO_FILESYSTEMS = frozenset(
    {"proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "overlay", "squashfs", "autofs", "mqueue"}
)


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str
    free: int | None = None
    total: int | None = None

    @property
    def backup_folder(self) -> Path:
        return self.path / BACKUP_FOLDER_NAME


def list_removable_drives() -> list[Drive]:
    """The writable removable drives mounted now, sorted by label."""
    if os.name == "nt":  # pragma: no cover - Windows only
        drives = _windows_drives()
    elif sys.platform == "darwin":  # pragma: no cover - macOS only
        drives = _mac_drives(Path("/Volumes"))
    else:
        drives = linux_drives(Path("/proc/mounts"), _media_roots(), Path("/sys/class/block"))
    return sorted((_with_space(drive) for drive in drives), key=lambda drive: (drive.label.lower(), str(drive.path)))


def _media_roots() -> list[Path]:
    try:
        user = getpass.getuser()
    except Exception:
        user = ""
    roots = [Path("/media")]
    if user:
        roots = [Path("/media") / user, Path("/run/media") / user, *roots]
    return roots


def _with_space(drive: Drive) -> Drive:
    try:
        usage = shutil.disk_usage(drive.path)
    except OSError:
        return drive
    return Drive(drive.path, drive.label, usage.free, usage.total)


def _unescape_mount(text: str) -> str:
    r"""/proc/mounts writes spaces and tabs in paths as octal escapes (``\040``)."""
    out, index = [], 0
    while index < len(text):
        if text[index] == "\\" and index + 3 < len(text) and text[index + 1 : index + 4].isdigit():
            out.append(chr(int(text[index + 1 : index + 4], 8)))
            index += 4
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def linux_drives(mounts_file: Path, media_roots: list[Path], sys_block: Path) -> list[Drive]:
    """Removable mounts listed in ``mounts_file`` (parameters make it testable with a fake tree)."""
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found: dict[Path, Drive] = {}
    for line in lines:
        fields = line.split()
        if len(fields) < 3 or fields[2] in _PSEUDO_FILESYSTEMS:
            continue
        device, mount = fields[0], Path(_unescape_mount(fields[1]))
        if mount == Path("/") or mount in found:
            continue
        under_media = any(root in mount.parents for root in media_roots)
        if not (under_media or _is_removable_device(device, sys_block)):
            continue
        if mount.is_dir() and os.access(mount, os.W_OK):
            found[mount] = Drive(mount, mount.name or str(mount))
    return list(found.values())


def _is_removable_device(device: str, sys_block: Path) -> bool:
    if not device.startswith("/dev/"):
        return False
    entry = sys_block / Path(device).name
    try:
        real = entry.resolve()
    except OSError:
        return False
    if "/usb" in real.as_posix():
        return True
    for candidate in (real, real.parent):
        try:
            if (candidate / "removable").read_text().strip() == "1":
                return True
        except OSError:
            continue
    return False


def _mac_drives(volumes: Path) -> list[Drive]:  # pragma: no cover - macOS only
    drives = []
    try:
        entries = list(volumes.iterdir())
    except OSError:
        return []
    for entry in entries:
        if entry.is_symlink() or not entry.is_dir() or not os.access(entry, os.W_OK):
            continue  # the start-up disk appears as a symbolic link to /
        drives.append(Drive(entry, entry.name))
    return drives


def _windows_drives() -> list[Drive]:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_removable = 2
    mask = kernel32.GetLogicalDrives()
    drives = []
    for index in range(26):
        if not mask & (1 << index):
            continue
        root = f"{chr(ord('A') + index)}:\\"
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != drive_removable:
            continue
        name = ctypes.create_unicode_buffer(261)
        ok = kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), name, 261, None, None, None, None, 0)
        if not ok:
            continue  # a card reader with no card in it
        label = f"{name.value} ({root[:2]})" if name.value else root[:2]
        drives.append(Drive(Path(root), label))
    return drives
