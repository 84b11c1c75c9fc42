"""Finding USB sticks from what Linux publishes, read from a fake /proc/mounts and /sys tree."""

from __future__ import annotations

from pathlib import Path

from dnqp_desktop.core.backup.drives import BACKUP_FOLDER_NAME, linux_drives, list_removable_drives


def fake_system(tmp_path: Path) -> tuple[Path, list[Path], Path]:
    media = tmp_path / "media" / "clerk"
    stick, labelled, usb_disk, internal = (
        media / "KINGSTON",
        media / "SỔ TAY 2025",
        tmp_path / "mnt" / "backup-disk",
        tmp_path / "mnt" / "data",
    )
    for folder in (stick, labelled, usb_disk, internal):
        folder.mkdir(parents=True)
    sys_block = tmp_path / "sys" / "class" / "block"
    devices = tmp_path / "sys" / "devices"
    (devices / "pci0000:00" / "usb2" / "2-1" / "sdc" / "sdc1").mkdir(parents=True)
    (devices / "pci0000:00" / "ata1" / "sda" / "sda2").mkdir(parents=True)
    (devices / "pci0000:00" / "ata1" / "sda" / "removable").write_text("0\n")
    sys_block.mkdir(parents=True)
    (sys_block / "sdc1").symlink_to(devices / "pci0000:00" / "usb2" / "2-1" / "sdc" / "sdc1")
    (sys_block / "sda2").symlink_to(devices / "pci0000:00" / "ata1" / "sda" / "sda2")
    escaped = str(labelled).replace(" ", "\\040")
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "\n".join(
            [
                "/dev/sda1 / ext4 rw,relatime 0 0",
                "proc /proc proc rw 0 0",
                f"tmpfs {media} tmpfs rw 0 0",
                f"/dev/sdb1 {stick} vfat rw,nosuid 0 0",
                f"/dev/sdb2 {escaped} exfat rw 0 0",
                f"/dev/sdc1 {usb_disk} ext4 rw 0 0",
                f"/dev/sda2 {internal} ext4 rw 0 0",
                "garbage",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return mounts, [media, tmp_path / "run" / "media" / "clerk"], sys_block


def test_sticks_under_media_and_usb_disks_are_found_internal_disks_are_not(tmp_path: Path) -> None:
    mounts, roots, sys_block = fake_system(tmp_path)
    found = {drive.label: drive for drive in linux_drives(mounts, roots, sys_block)}
    assert set(found) == {"KINGSTON", "SỔ TAY 2025", "backup-disk"}
    assert found["KINGSTON"].backup_folder == tmp_path / "media" / "clerk" / "KINGSTON" / BACKUP_FOLDER_NAME


def test_an_unreadable_mount_table_means_no_drives(tmp_path: Path) -> None:
    assert linux_drives(tmp_path / "missing", [], tmp_path) == []


def test_the_real_system_can_be_asked(tmp_path: Path) -> None:
    for drive in list_removable_drives():  # whatever this machine has; it must not fail
        assert drive.path.is_dir()
