"""Back up and restore the embedded store: a folder of DUMP payloads and a manifest.

A backup folder holds one DUMP payload per server key (read in one transaction while
the server runs) and a manifest with the store's counts and content checksum. A
restore trusts none of it: the manifest's shape is checked, its file names must stay
inside the folder, and the backup is loaded into a scratch store and checked against
the manifest before the live store is replaced, all or nothing. `actorgraph backup`
and `restore` call :func:`backup` and :func:`restore` and print what they return.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from actorgraph.errors import ActorgraphError, StoreError
from actorgraph.graph.checksum import content_checksum
from actorgraph.graph.lookup import COUNTED, node_count, store_counts
from actorgraph.graph.open import StoreURL, default_url, open_store
from actorgraph.graph.store import Store

MANIFEST = "manifest.json"
BACKUP_FORMAT = "actorgraph-backup"
BACKUP_VERSION = 1
_HEX64 = re.compile(r"[0-9a-f]{64}")


@runtime_checkable
class Dumpable(Protocol):
    """A store whose server hands out and takes back its whole state as DUMP payloads
    (the embedded FalkorDB store); backup and restore need nothing else of it."""

    def dump_payloads(self) -> dict[str, bytes]: ...
    def load_payloads(self, payloads: dict[str, bytes]) -> None: ...


def dumpable(store: Store) -> Dumpable:
    """``store`` as a Dumpable, or a one-line error (backup and restore work on no other)."""
    if not isinstance(store, Dumpable):
        raise StoreError(
            f"a {type(store).__name__} cannot be backed up this way; "
            "backup and restore work on the embedded store (falkordb:///path) only"
        )
    return store


def embedded_url(url: str | None, command: str) -> StoreURL:
    """The store URL, if it names the embedded store; backup and restore work on no other."""
    parsed = StoreURL.parse(url or default_url())
    scheme = parsed.scheme
    if scheme != "falkordb":  # (the URL itself may carry a password: not echoed)
        raise StoreError(
            f"{command} works on the embedded store (falkordb:///path) only, not on a "
            f"{scheme or 'schemeless'}:// store; "
            "back a Neo4j server up with neo4j-admin, or `actorgraph copy` it to an embedded store"
        )
    return parsed


# --- backup ------------------------------------------------------------------------------------


def backup(url: str | None, folder: Path) -> dict[str, int]:
    """Save the embedded store at ``url`` to ``folder`` (new or empty) while it runs; its counts."""
    url = embedded_url(url, "backup")
    _backup_folder(folder)
    with open_store(url) as graph:
        payloads = dumpable(graph).dump_payloads()
    counts, checksum = describe(payloads, url)
    manifest = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "store": url.text,
        "counts": counts,
        "checksum": checksum,
    }
    _write_backup(folder, manifest, payloads)
    return counts


def _write_file(path: Path, data: bytes) -> None:
    """Write and fsync, so a backup that says it is done is on the disk."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _backup_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ActorgraphError(
            f"{folder} exists and is not an empty folder; back up into a new or empty folder"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ActorgraphError(f"cannot create {folder}: {error.strerror}") from None


def _scratch_url(url: StoreURL) -> tuple[str, Path]:
    """A store URL for a new, temporary embedded store with the same graph name as ``url``."""
    scratch = Path(tempfile.mkdtemp(prefix="ag-check-", dir="/tmp" if os.name == "posix" else None))
    query = url.query
    return f"falkordb://{scratch}" + (f"?{query}" if query else ""), scratch


def describe(payloads: dict[str, bytes], url: StoreURL) -> tuple[dict[str, int], str]:
    """The counts and content checksum of exactly these payloads: loaded into a temporary
    embedded store (a server of its own), read, and thrown away."""
    scratch_url, scratch = _scratch_url(url)
    try:
        with open_store(scratch_url) as scratch_store:
            dumpable(scratch_store).load_payloads(payloads)
        with open_store(scratch_url) as loaded:  # a new client: no cached schema
            return store_counts(loaded), content_checksum(loaded)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _write_backup(folder: Path, manifest: dict[str, Any], payloads: dict[str, bytes]) -> None:
    """One file per key, then the manifest (renamed into place last: no manifest, no backup)."""
    keys = []
    try:
        for number, (key, payload) in enumerate(sorted(payloads.items())):
            name = f"key-{number}.dump"
            _write_file(folder / name, payload)
            keys.append({"key": key, "file": name, "sha256": hashlib.sha256(payload).hexdigest()})
        text = json.dumps({**manifest, "keys": keys}, indent=2).encode()
        _write_file(folder / (MANIFEST + ".tmp"), text)
        os.replace(folder / (MANIFEST + ".tmp"), folder / MANIFEST)
    except OSError as error:
        raise ActorgraphError(
            f"cannot write the backup in {folder}: {error.strerror}; "
            "free some space or choose another folder"
        ) from None


# --- restore -----------------------------------------------------------------------------------


def restore(url: str | None, folder: Path, *, force: bool = False) -> dict[str, int]:
    """Load the backup in ``folder`` into the embedded store (an empty one, unless ``force``);
    the counts restored. Every file is checked against its hash and the whole backup against
    the manifest in a scratch store first; the swap is all or nothing."""
    url = embedded_url(url, "restore")
    manifest, payloads = read_backup(folder)
    with open_store(url) as graph:
        held = node_count(graph)
        if held and not force:
            raise ActorgraphError(
                f"{graph.url} is not empty ({held} nodes); restore into an empty store, "
                "or add --force to replace its contents"
            )
    _verify(manifest, payloads, url, folder)
    swap(url, payloads, manifest["checksum"])
    counts: dict[str, int] = manifest["counts"]
    return counts


def _manifest_problem(manifest: Any) -> str | None:
    """What is wrong with a manifest's shape (version 1), or None if it is sound."""
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or sorted(counts) != sorted(COUNTED):
        return f"'counts' must map {', '.join(COUNTED)} to numbers"
    if not all(type(counts[k]) is int and counts[k] >= 0 for k in COUNTED):
        return "'counts' must hold whole numbers"
    if not isinstance(manifest.get("checksum"), str) or not _HEX64.fullmatch(manifest["checksum"]):
        return "'checksum' must be a SHA-256 in hex"
    keys = manifest.get("keys")
    if not isinstance(keys, list):
        return "'keys' must be a list"
    for entry in keys:
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(f), str) for f in ("key", "file", "sha256")
        ):
            return "each entry of 'keys' must name its key, file and sha256"
        if not _HEX64.fullmatch(entry["sha256"]):
            return f"the sha256 of {entry['file']!r} is not a SHA-256 in hex"
    if len({e["key"] for e in keys}) != len(keys):
        return "'keys' names a key twice"
    return None


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a backup folder, its format, version and shape checked."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ActorgraphError(
            f"{folder} holds no actorgraph backup (no {MANIFEST}); name a folder `backup` wrote"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ActorgraphError(f"cannot read {path}: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise ActorgraphError(f"{path} is not an actorgraph backup manifest")
    if manifest.get("version") != BACKUP_VERSION:
        raise ActorgraphError(
            f"{folder} is a backup of version {manifest.get('version')}; "
            f"this actorgraph reads version {BACKUP_VERSION}"
        )
    problem = _manifest_problem(manifest)
    if problem:
        raise ActorgraphError(
            f"{path} is not a valid actorgraph backup manifest: {problem}; "
            "use a backup `actorgraph backup` wrote, unedited"
        )
    return manifest


def _backup_file(folder: Path, name: str) -> Path:
    """The file ``name`` of a backup, which must be a plain name inside the backup folder."""
    inside = folder.resolve()
    path = (folder / name).resolve()
    if Path(name).name != name or name in ("", ".", "..") or path.parent != inside:
        raise ActorgraphError(
            f"{folder / MANIFEST} names a file outside the backup folder ({name!r}); "
            "nothing was read from it: use a backup `actorgraph backup` wrote, unedited"
        )
    return path


def read_backup(folder: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and payloads of a backup folder, each payload checked against its hash."""
    manifest = read_manifest(folder)
    files = [_backup_file(folder, entry["file"]) for entry in manifest["keys"]]
    payloads: dict[str, bytes] = {}
    for entry, path in zip(manifest["keys"], files, strict=True):
        try:
            payload = path.read_bytes()
        except OSError as error:
            raise ActorgraphError(
                f"cannot read {folder / entry['file']}: {error.strerror}"
            ) from None
        if hashlib.sha256(payload).hexdigest() != entry["sha256"]:
            raise ActorgraphError(
                f"{folder / entry['file']} does not match its checksum; the backup is damaged"
            )
        payloads[entry["key"]] = payload
    return manifest, payloads


def _verify(
    manifest: dict[str, Any], payloads: dict[str, bytes], url: StoreURL, folder: Path
) -> None:
    """Load the payloads into a scratch store and check its counts and checksum against the
    manifest, before the live store is touched."""
    try:
        counts, checksum = describe(payloads, url)
    except StoreError:
        raise ActorgraphError(
            f"the backup in {folder} does not load (a payload is damaged); nothing was restored"
        ) from None
    if counts != manifest["counts"] or checksum != manifest["checksum"]:
        raise ActorgraphError(
            f"the backup in {folder} does not match its manifest (counts {counts}, expected "
            f"{manifest['counts']}, or its checksum differs); the backup is damaged, "
            "nothing was restored"
        )


def swap(url: str | StoreURL, payloads: dict[str, bytes], expected: str) -> None:
    """Replace the embedded store's contents by ``payloads``, all or nothing: the old contents
    are dumped first and loaded back if the load fails or the result's checksum is not
    ``expected``."""
    with open_store(url) as graph:
        server = dumpable(graph)
        old = server.dump_payloads()
        try:
            server.load_payloads(payloads)
        except BaseException:
            server.load_payloads(old)
            raise
    with open_store(url) as graph:  # a new client: no cached schema
        checksum = content_checksum(graph)
    if checksum != expected:
        with open_store(url) as graph:
            dumpable(graph).load_payloads(old)
        raise StoreError(
            "the restored store did not match the backup; the store was put back as it was"
        )
