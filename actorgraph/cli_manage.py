"""`actorgraph remove`, `backup` and `restore`: look after a store's contents.

remove deletes articles (by id, or by the path they were read from) and re-derives
the edges and actors they touched, in one transaction. backup and restore work on
the embedded store: a backup folder holds one DUMP payload per server key (read
in one transaction while the server runs) and a manifest with the store's counts
and content checksum. restore trusts none of it: the manifest's shape is checked,
its file names must stay inside the folder, and the backup is loaded into a
scratch store and checked against the manifest before the live store is
replaced, all or nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlparse

import typer

from actorgraph.cli import StoreOption, app, friendly
from actorgraph.errors import ActorgraphError, StoreError
from actorgraph.graph import Store, content_checksum, default_url, open_store

MANIFEST = "manifest.json"
BACKUP_FORMAT = "actorgraph-backup"
BACKUP_VERSION = 1


# --- a checksum of a store's contents -------------------------------------------------------


def _counts(store: Store) -> dict[str, int]:
    stats = store.stats()
    return {"articles": stats.articles, "actors": stats.actors, "claims": stats.claims,
            "edges": stats.edges}  # fmt: skip


# --- remove ------------------------------------------------------------------------------------


def _source_forms(path: str) -> list[str]:
    """The ways an ingest may have recorded ``path``: as typed, absolute, or relative."""
    forms = {path.rstrip("/") or path, os.path.abspath(path)}
    with contextlib.suppress(ValueError):  # another drive (Windows)
        forms.add(os.path.relpath(path))
    return sorted(forms)


@app.command()
@friendly
def remove(
    article_ids: Annotated[
        list[str] | None, typer.Argument(help="Ids of the articles to remove.")
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Remove every article read from this file or folder."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Delete articles and their claims; the edges and actors they touched are re-derived."""
    if not article_ids and not source:
        raise ActorgraphError("name the articles to remove: ARTICLE_ID ... or --source PATH")
    with open_store(store) as graph:
        ids = list(dict.fromkeys(article_ids or []))
        unknown = sorted(set(ids) - set(graph.article_extractors(ids)))
        if unknown:
            raise ActorgraphError(
                f"no article with id {unknown[0]!r} in {graph.url}; nothing was removed "
                '(`actorgraph query "MATCH (a:Article) RETURN a.id, a.title"` lists them)'
            )
        for path in source or []:
            found = graph.articles_from(_source_forms(path))
            if not found:
                raise ActorgraphError(
                    f"no article in {graph.url} was read from {path}; nothing was removed"
                )
            ids += found
        before = _counts(graph)
        removed = graph.remove(list(dict.fromkeys(ids)))
        after = _counts(graph)
    gone = ", ".join(f"{before[k] - after[k]} {k}" for k in ("actors", "claims", "edges"))
    typer.echo(f"removed {len(removed)} articles; with them {gone}")


# --- backup and restore ----------------------------------------------------------------------


def _embedded(url: str | None, command: str) -> str:
    """The store URL, if it names the embedded store; backup and restore work on no other."""
    url = url or default_url()
    scheme = urlparse(url).scheme
    if scheme != "falkordb":  # (the URL itself may carry a password: not echoed)
        raise StoreError(
            f"{command} works on the embedded store (falkordb:///path) only, not on a "
            f"{scheme or 'schemeless'}:// store; "
            "back a Neo4j server up with neo4j-admin, or `actorgraph copy` it to an embedded store"
        )
    return url


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


def _scratch_url(url: str) -> tuple[str, Path]:
    """A store URL for a new, temporary embedded store with the same graph name as ``url``."""
    scratch = Path(tempfile.mkdtemp(prefix="ag-check-", dir="/tmp" if os.name == "posix" else None))
    query = urlparse(url).query
    return f"falkordb://{scratch}" + (f"?{query}" if query else ""), scratch


def _describe(payloads: dict[str, bytes], url: str) -> tuple[dict[str, int], str]:
    """The counts and content checksum of exactly these payloads: loaded into a temporary
    embedded store (a server of its own), read, and thrown away."""
    scratch_url, scratch = _scratch_url(url)
    try:
        with open_store(scratch_url) as scratch_store:
            scratch_store.server.load(payloads)  # type: ignore[attr-defined]
        with open_store(scratch_url) as loaded:  # a new client: no cached schema
            return _counts(loaded), content_checksum(loaded)
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


@app.command()
@friendly
def backup(
    folder: Annotated[Path, typer.Argument(help="A new or empty folder for the backup.")],
    store: StoreOption = None,
) -> None:
    """Save the embedded store to a folder while it runs (restore it with `restore`)."""
    url = _embedded(store, "backup")
    _backup_folder(folder)
    with open_store(url) as graph:
        payloads = graph.server.dump()  # type: ignore[attr-defined]
    counts, checksum = _describe(payloads, url)
    manifest = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "store": url,
        "counts": counts,
        "checksum": checksum,
    }
    _write_backup(folder, manifest, payloads)
    typer.echo(
        f"backed up {counts['articles']} articles, {counts['actors']} actors, "
        f"{counts['claims']} claims, {counts['edges']} edges to {folder}"
    )


_HEX64 = re.compile(r"[0-9a-f]{64}")
_COUNTS = ("articles", "actors", "claims", "edges")


def _manifest_problem(manifest: Any) -> str | None:
    """What is wrong with a manifest's shape (version 1), or None if it is sound."""
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or sorted(counts) != sorted(_COUNTS):
        return f"'counts' must map {', '.join(_COUNTS)} to numbers"
    if not all(type(counts[k]) is int and counts[k] >= 0 for k in _COUNTS):
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


def _read_manifest(folder: Path) -> dict[str, Any]:
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


def _read_backup(folder: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and payloads of a backup folder, each payload checked against its hash."""
    manifest = _read_manifest(folder)
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


def _verify(manifest: dict[str, Any], payloads: dict[str, bytes], url: str, folder: Path) -> None:
    """Load the payloads into a scratch store and check its counts and checksum against the
    manifest, before the live store is touched."""
    try:
        counts, checksum = _describe(payloads, url)
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


def swap(url: str, payloads: dict[str, bytes], expected: str) -> None:
    """Replace the embedded store's contents by ``payloads``, all or nothing: the old contents
    are dumped first and loaded back if the load fails or the result's checksum is not
    ``expected``."""
    with open_store(url) as graph:
        server = graph.server  # type: ignore[attr-defined]
        old = server.dump()
        try:
            server.load(payloads)
        except BaseException:
            server.load(old)
            raise
    with open_store(url) as graph:  # a new client: no cached schema
        checksum = content_checksum(graph)
    if checksum != expected:
        with open_store(url) as graph:
            graph.server.load(old)  # type: ignore[attr-defined]
        raise StoreError(
            "the restored store did not match the backup; the store was put back as it was"
        )


@app.command()
@friendly
def restore(
    folder: Annotated[Path, typer.Argument(help="A folder `actorgraph backup` wrote.")],
    store: StoreOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a store that is not empty.")
    ] = False,
) -> None:
    """Load a backup into the embedded store (an empty one, unless --force).

    Every file is checked against its hash and the whole backup against the manifest's
    counts and checksum in a scratch store first; the swap is all or nothing."""
    url = _embedded(store, "restore")
    manifest, payloads = _read_backup(folder)
    with open_store(url) as graph:
        held = graph.query("MATCH (n) RETURN count(n) AS n").rows[0][0]
        if held and not force:
            raise ActorgraphError(
                f"{graph.url} is not empty ({held} nodes); restore into an empty store, "
                "or add --force to replace its contents"
            )
    _verify(manifest, payloads, url, folder)
    swap(url, payloads, manifest["checksum"])
    counts = manifest["counts"]
    typer.echo(
        f"restored {counts['articles']} articles, {counts['actors']} actors, "
        f"{counts['claims']} claims, {counts['edges']} edges from {folder}"
    )
