"""Copying a workspace's rows between the two kinds of database: onto the office server (a
move) and from it into an encrypted SQLCipher file (a backup)."""

from __future__ import annotations

from sqlalchemy import select

CHUNK = 5000


def copy_rows(src, dst, table) -> int:
    """Every row of ``table`` from connection ``src`` to ``dst`` (either kind: the column
    types seal and open sealed text as each side needs). Returns how many. Onto the
    office server the rows go by PostgreSQL's COPY (one stream per table, in the same
    transaction), not one INSERT each: a 100,000-client workspace's 2 million rows."""
    # A column naming another row of the same table (a line manager, a corrected
    # decision) is filled in once every row is there.
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    pk = list(table.primary_key.columns)
    later, count = [], 0
    result = src.execute(select(table).execution_options(yield_per=CHUNK))
    if dst.dialect.name == "postgresql":
        count, later = _copy(result, dst, table, own, pk)
    else:
        for chunk in result.mappings().partitions(CHUNK):
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


def _copy(result, dst, table, own: list[str], pk: list) -> tuple[int, list]:
    """The rows of ``result`` (in the table's column order) streamed into ``table`` by
    COPY. Each value passes through its column type's own bind step first (sealed text is
    sealed exactly as an INSERT seals it), then psycopg's adapters; rows go as tuples,
    without building a dictionary for each. Returns how many, and the own-table columns
    to fill in after (as ``copy_rows`` does)."""
    dialect = dst.dialect
    names = [c.name for c in table.columns]
    at = {name: n for n, name in enumerate(names)}
    own_at = [(name, at[name]) for name in own]
    pk_at = [(c.name, at[c.name]) for c in pk]
    steps = [(n, step) for n, step in enumerate(c.type.bind_processor(dialect)
                                                for c in table.columns) if step is not None]
    cursor = dst.connection.driver_connection.cursor()
    columns = ", ".join(dialect.identifier_preparer.quote(n) for n in names)
    later, count = [], 0
    try:
        with cursor.copy(f"COPY {dialect.identifier_preparer.format_table(table)} "
                         f"({columns}) FROM STDIN") as stream:
            for chunk in result.partitions(CHUNK):
                for row in chunk:
                    if steps or own_at:
                        row = list(row)
                        if own_at and any(row[n] is not None for _, n in own_at):
                            # As read (the update after binds them itself).
                            later.append(({name: row[n] for name, n in pk_at},
                                          {name: row[n] for name, n in own_at}))
                            for _, n in own_at:
                                row[n] = None
                        for n, step in steps:
                            row[n] = step(row[n])
                    stream.write_row(row)
                count += len(chunk)
    finally:
        cursor.close()
    return count, later
