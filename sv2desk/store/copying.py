"""Copying a workspace's rows between the two kinds of database: onto the office server (a
move) and from it into an encrypted SQLCipher file (a backup)."""

from __future__ import annotations

from sqlalchemy import select


def copy_rows(src, dst, table) -> int:
    """Every row of ``table`` from connection ``src`` to ``dst`` (either kind: the column
    types seal and open sealed text as each side needs). Returns how many."""
    # A column naming another row of the same table (a line manager, a corrected
    # decision) is filled in once every row is there.
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    pk = list(table.primary_key.columns)
    later, count = [], 0
    result = src.execute(select(table).execution_options(yield_per=CHUNK)).mappings()
    for chunk in result.partitions(CHUNK):
        rows = [dict(r) for r in chunk]
        for row in rows:
            if any(row[c] is not None for c in own):
                later.append(({c.name: row[c.name] for c in pk}, {c: row[c] for c in own}))
                row.update({c: None for c in own})
        dst.execute(table.insert(), rows)
        count += len(rows)
    for key, values in later:
        dst.execute(table.update().where(*[c == key[c.name] for c in pk]).values(**values))
    return count


CHUNK = 2000
