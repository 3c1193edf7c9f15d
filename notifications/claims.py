"""Claiming a batch of due notifications, so that one sweep sends them however many run.

A batch — up to `limit` notifications of one partnership and one kind — is claimed in one
statement with a token of its own (PostgreSQL: UPDATE … WHERE id IN (SELECT … FOR UPDATE
SKIP LOCKED LIMIT n) RETURNING; elsewhere a conditional UPDATE that only one sweep can win).
Nothing holds a lock while mail is sent; a claim not renewed for CLAIM_TIMEOUT belongs to a
sweep that died and is taken over.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q

from .models import Notification

#: A claim not renewed for this long belongs to a sweep that died: another sweep takes it
#: over. It must exceed the longest a live sweep may go without renewing (longest_send()),
#: which notifications.checks holds it to.
CLAIM_TIMEOUT = dt.timedelta(minutes=15)


@dataclass
class Claimed:
    token: uuid.UUID
    partnership_id: int
    kind: str
    rows: list  # of Row


@dataclass
class Row:
    pk: int
    content_type_id: int
    object_id: int
    send_on: dt.date


_COLUMNS = ("id", "partnership_id", "kind", "content_type_id", "object_id", "send_on")


def claim(today, now, limit):
    """Claims up to `limit` due notifications of one partnership and one kind, or None."""
    token = uuid.uuid4()
    stale = now - CLAIM_TIMEOUT
    if connection.vendor == "postgresql":
        rows = _claim_postgresql(token, today, now, stale, limit)
    else:
        rows = _claim_portable(token, today, now, stale, limit)
    if not rows:
        return None
    return Claimed(
        token,
        rows[0][1],
        rows[0][2],
        sorted((Row(r[0], r[3], r[4], r[5]) for r in rows), key=lambda r: (r.send_on, r.pk)),
    )


_CLAIMABLE_SQL = """
    {t}.done_at IS NULL AND {t}.failed_at IS NULL AND {t}.send_on <= %(today)s
    AND ({t}.next_attempt_at IS NULL OR {t}.next_attempt_at <= %(now)s)
    AND ({t}.claimed_at IS NULL OR {t}.claimed_at < %(stale)s)
"""


def _claim_postgresql(token, today, now, stale, limit):
    table = connection.ops.quote_name(Notification._meta.db_table)
    # Only the quoted table name and constant SQL are interpolated; the values are parameters.
    sql = f"""
        UPDATE {table} SET claimed_at = %(now)s, claim_token = %(token)s
        WHERE id IN (
            SELECT n.id FROM {table} n
            WHERE {_CLAIMABLE_SQL.format(t="n")}
              AND (n.partnership_id, n.kind) = (
                  SELECT f.partnership_id, f.kind FROM {table} f
                  WHERE {_CLAIMABLE_SQL.format(t="f")}
                  ORDER BY f.send_on, f.id
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED
              )
            ORDER BY n.send_on, n.id
            LIMIT %(limit)s
            FOR UPDATE SKIP LOCKED
        )
        RETURNING {", ".join(_COLUMNS)}
    """  # noqa: S608
    params = {"now": now, "token": token, "today": today, "stale": stale, "limit": limit}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _claim_portable(token, today, now, stale, limit):
    """SQLite (and any database without SKIP LOCKED): a conditional UPDATE decides."""
    claimable = Notification._base_manager.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale),
        done_at__isnull=True,
        failed_at__isnull=True,
        send_on__lte=today,
    )
    first = claimable.order_by("send_on", "pk").values("partnership_id", "kind").first()
    if first is None:
        return []
    ids = list(
        claimable.filter(**first).order_by("send_on", "pk").values_list("pk", flat=True)[:limit]
    )
    claimable.filter(pk__in=ids).update(claimed_at=now, claim_token=token)
    return list(
        Notification._base_manager.filter(pk__in=ids, claim_token=token).values_list(*_COLUMNS)
    )
