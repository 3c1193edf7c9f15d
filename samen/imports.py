"""The walk of every import after its file was read (samen/uploads.py): the preview of what it
would do, the errors per row, and the file waiting between preview and confirmation.

Between preview and confirmation the raw file waits in django-import-export's `MediaStorage`
(`stash` / `unstash` / `discard`); the session holds only a small token naming it, and the
confirmation reads the very bytes again (sha256), so what is imported is what was previewed.
samen.views.ImportView walks it for every import page.

This module is on the ground floor: it imports no app of the project.
"""

import contextlib
import datetime as dt
import hashlib
import re
import time
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.tmp_storages import MediaStorage

from .errors import DomainError
from .uploads import MAX_UPLOAD_BYTES, Upload, UploadError, read_upload

#: Where uploads wait (inside MEDIA_ROOT) between preview and confirmation, and how long.
STASH_FOLDER = "import-uploads"
STASH_MAX_AGE = dt.timedelta(hours=2)
_STASH_NAME = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class ImportPreview:
    """What an import would do, nothing saved: the rows as read, and the Dutch errors by row
    number in the file (the header is row 1; row 0 holds errors of the file as a whole)."""

    upload: Upload
    errors: dict[int, list[str]]

    @property
    def is_valid(self):
        return not self.errors

    @property
    def rows(self):
        """(row number, the row's values by column, its errors) for every row of the file."""
        for number, row in self.upload.rows():
            yield number, row, self.errors.get(number, [])

    @property
    def error_list(self):
        return sorted(self.errors.items())


def import_errors(result, upload, labels=None):
    """{row number in the file: [Dutch messages]} of a django-import-export result, dry run or
    not: the rows the reader refused, each invalid row's errors (a field's named by `labels`
    when given), the rows that raised (a DomainError says why; anything else is unexpected),
    and the errors of the file as a whole under row 0."""
    errors = {n: list(m) for n, m in upload.row_errors.items()}
    for invalid in result.invalid_rows:
        messages = errors.setdefault(upload.file_row(invalid.number), [])
        for name, field_errors in invalid.field_specific_errors.items():
            prefix = f"{labels.get(name, name)}: " if labels is not None else ""
            messages.extend(f"{prefix}{e}" for e in field_errors)
        messages.extend(str(e) for e in invalid.non_field_specific_errors)
    for number, row_errors in result.row_errors():
        errors.setdefault(upload.file_row(number), []).extend(
            e.error.message
            if isinstance(e.error, DomainError)
            else _("Onverwachte fout: %(error)s") % {"error": e.error}
            for e in row_errors
        )
    for error in result.base_errors:
        errors.setdefault(0, []).append(str(error.error))
    return dict(sorted(errors.items()))


def stash(request, key, upload, partnership_id):
    """Keeps `upload` until `unstash` or `discard`: the file in temporary media storage, in
    the session only a token (storage name, format, file name, sha256, partnership, time).

    Any upload stashed under `key` before is discarded. Only an upload without row errors can
    be stashed (one with row errors is never confirmed).
    """
    if upload.row_errors:
        raise ValueError("An upload with row errors cannot be confirmed, so is not stashed.")
    discard(request, key)
    storage = _storage()
    storage.save(upload.content)
    request.session[key] = {
        "storage": storage.name,
        "format": upload.format,
        "name": upload.name[:255],
        "sha256": upload.sha256,
        "partnership": partnership_id,
        "saved": int(time.time()),
    }


def unstash(request, key, partnership_id, **options):
    """The upload stashed under `key` for this partnership, read again with `options` (the
    keyword arguments of `read_upload`).

    Guarantees the bytes are the very bytes stashed (sha256) and read without row errors;
    raises UploadError ("upload het bestand opnieuw") when the stash is missing, expired,
    of another partnership, changed or unreadable. Does not discard: call `discard` after.
    """
    try:
        return read_token(request.session.get(key), partnership_id, **options)
    except UploadError:
        discard(request, key)
        raise


def take(request, key):
    """The token stashed under `key`, taken out of the session with its file left in place
    (for a background job that reads it with `read_token` and ends with `discard_token`)."""
    return request.session.pop(key, None)


def read_token(token, partnership_id, **options):
    """`unstash` for a token held elsewhere than the session (a background job's row): the
    same checks, the same UploadError; the caller discards it (`discard_token`)."""
    gone = UploadError(
        _("Het gecontroleerde bestand is niet meer beschikbaar; upload het bestand opnieuw.")
    )
    if not isinstance(token, dict) or token.get("partnership") != partnership_id:
        raise gone
    name = token.get("storage")
    if not isinstance(name, str) or not _STASH_NAME.match(name):
        raise gone
    if time.time() - token.get("saved", 0) > STASH_MAX_AGE.total_seconds():
        raise gone
    try:
        content = _storage(name).read()
    except OSError:
        raise gone from None
    if len(content) > MAX_UPLOAD_BYTES or hashlib.sha256(content).hexdigest() != token.get(
        "sha256"
    ):
        raise gone
    upload = read_upload(content, name=token.get("name", ""), **options)
    if upload.format != token.get("format") or upload.row_errors:
        raise gone
    return upload


def discard(request, key):
    """Forgets the upload stashed under `key`: the token leaves the session, the file the
    storage. Does nothing when there is none."""
    discard_token(request.session.pop(key, None))


def discard_token(token):
    """Removes the stashed file a token names (from `take`); nothing when there is none."""
    name = token.get("storage") if isinstance(token, dict) else None
    if isinstance(name, str) and _STASH_NAME.match(name):
        with contextlib.suppress(OSError):
            _storage(name).remove()


def purge_stale_stashes(max_age=STASH_MAX_AGE):
    """Deletes stashed files older than `max_age` (abandoned previews); returns how many.

    Meant for a periodic task: a stash older than STASH_MAX_AGE is refused by `unstash` anyway.
    """
    storage = _storage()._storage
    try:
        _dirs, files = storage.listdir(STASH_FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - max_age
    removed = 0
    for filename in files:
        path = f"{STASH_FOLDER}/{filename}"
        try:
            if _STASH_NAME.match(filename) and storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                removed += 1
        except OSError:
            continue
    return removed


def _storage(name=None):
    return MediaStorage(name=name, MEDIA_FOLDER=STASH_FOLDER)
