"""The web's own tables in every SQL backend (watchlists, the entity index), written
once in ``?`` placeholder style like ``store.sql``; ``SQLStore`` takes them from here."""

from __future__ import annotations

import json
from typing import Any

from rashomon.errors import NotFound
from rashomon.store.rows import entity_from_row, like_pattern, now_iso, watchlist_from_row


class WebTables:
    """Watchlists and the entity index over a ``SQLStore``'s connection (``query``,
    ``execute``, ``transaction`` and the dialect pieces come from the store)."""

    query: Any
    execute: Any
    insert_id: Any
    transaction: Any
    upsert_sql: Any
    like_sql: Any
    nocase_equals_sql: Any

    # -- web: watchlists ----------------------------------------------------------
    def add_watchlist(
        self, name: str, query: str, entities: list[str], languages: list[str]
    ) -> int:
        return self.insert_id(
            "INSERT INTO watchlists (name, query, entities, languages, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (name, query, json.dumps(entities, ensure_ascii=False), json.dumps(languages),
             now_iso()),
        )

    def list_watchlists(self) -> list[dict]:
        return [watchlist_from_row(r) for r in self.query("SELECT * FROM watchlists ORDER BY id")]

    def get_watchlist(self, watchlist_id: int) -> dict:
        rows = self.query("SELECT * FROM watchlists WHERE id = ?", (watchlist_id,))
        if not rows:
            raise NotFound(f"no watchlist with id {watchlist_id}",
                           hint="list them at /watchlists or GET /api/watchlists"
                           ).worded("no_watchlist", id=str(watchlist_id))
        return watchlist_from_row(rows[0])

    def mark_watchlist_seen(
        self, watchlist_id: int, when: str, stories: dict[int, str] | None = None
    ) -> None:
        self.execute(
            "UPDATE watchlists SET seen_at = ?, seen_stories = ? WHERE id = ?",
            (when, json.dumps({str(k): v for k, v in (stories or {}).items()}), watchlist_id),
        )

    def delete_watchlist(self, watchlist_id: int) -> None:
        self.get_watchlist(watchlist_id)
        self.execute("DELETE FROM watchlists WHERE id = ?", (watchlist_id,))

    # -- web: entity index ----------------------------------------------------------
    def entity_index_versions(self) -> dict[int, str]:
        rows = self.query(
            "SELECT story_id, max(version) AS version FROM entity_index GROUP BY story_id"
        )
        return {int(r["story_id"]): r["version"] for r in rows}

    def entity_index_version(self, story_id: int) -> str | None:
        rows = self.query(
            "SELECT version FROM entity_index WHERE story_id = ? LIMIT 1", (story_id,)
        )
        return rows[0]["version"] if rows else None

    def put_entity_index(self, story_id: int, version: str, rows: list[dict]) -> None:
        # A story without entities still records its version, so it is not redone.
        rows = rows or [{"entity_id": "", "canonical": "", "label": "", "forms": {}}]
        columns = ("entity_id", "story_id", "canonical", "label", "forms", "version")
        sql = self.upsert_sql("entity_index", columns, ("entity_id", "story_id"))
        with self.transaction() as run:
            run("DELETE FROM entity_index WHERE story_id = ?", (story_id,))
            for r in rows:
                run(sql, (r["entity_id"], story_id, r["canonical"], r["label"],
                          json.dumps(r["forms"], ensure_ascii=False), version))

    def find_entity_rows(self, key: str) -> list[dict]:
        """Rows of one entity by id or by canonical name (ASCII case-insensitive)."""
        rows = self.query(
            "SELECT * FROM entity_index WHERE entity_id != '' AND (entity_id = ? "
            f"OR {self.nocase_equals_sql('canonical')}) ORDER BY story_id DESC",
            (key, key),
        )
        return [entity_from_row(r) for r in rows]

    def search_entity_rows(self, text: str, limit: int = 20) -> list[dict]:
        """Entities whose canonical name or any surface form contains ``text``."""
        pattern = like_pattern(text)
        rows = self.query(
            f"SELECT * FROM entity_index WHERE entity_id != '' AND ({self.like_sql('canonical')} "
            f"OR {self.like_sql('forms')}) LIMIT ?",
            (pattern, pattern, limit),
        )
        return [entity_from_row(r) for r in rows]
