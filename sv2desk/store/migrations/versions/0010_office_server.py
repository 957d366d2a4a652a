"""Office server (PostgreSQL only; nothing changes in a one-PC workspace): the key slots'
master copy; sealed columns as text; row-level security expressing the access rule for
concern, decision, safeguarding and letter rows; change notices for other PCs.

The access rule (policy/access.py) in SQL: the people "on the case" are managers, the
worker assigned to it, and whoever raised a concern on it. Who is asking is the account the
PC names for each unit of work (``sv2desk.account_id``, set by store/server_workspace.py);
the account must be active, and its roles are read from the accounts tables here, not taken
from the PC. Work that is about the whole database (a backup, moving a workspace) names
``sv2desk.scope = 'all'``. These are enforced for the application's own connections: they
catch a query in SV2 Desk that forgot the rule; they are no defence against someone holding
a PC's login and writing their own SQL (the sealed columns are, without the master key).

Revision ID: 0010
Revises: 0009
"""
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Tables whose rows are the concern and everything that reveals it, with how each finds its
# case (a column, or its concern's).
BY_CASE = ("concerns", "letters")
BY_CONCERN = ("concern_explanations", "line_manager_discussions", "concern_decisions",
              "outcome_communications")

FUNCTIONS = [
    """CREATE FUNCTION sv2desk_actor() RETURNS integer LANGUAGE sql STABLE AS
       $$ SELECT nullif(current_setting('sv2desk.account_id', true), '')::integer $$""",
    """CREATE FUNCTION sv2desk_whole() RETURNS boolean LANGUAGE sql STABLE AS
       $$ SELECT coalesce(current_setting('sv2desk.scope', true), '') = 'all' $$""",
    # SECURITY DEFINER: runs as the owner (who is not bound by the policies), so the rule
    # can look at every concern to decide.
    """CREATE FUNCTION sv2desk_on_case(p_case integer) RETURNS boolean LANGUAGE sql STABLE
       SECURITY DEFINER SET search_path = public, pg_temp AS $$
       SELECT sv2desk_whole() OR EXISTS (
         SELECT 1 FROM accounts a WHERE a.id = sv2desk_actor() AND a.active AND (
           EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id
                   AND r.role = 'manager')
           OR EXISTS (SELECT 1 FROM cases c WHERE c.id = p_case
                      AND c.assigned_worker_id = a.id)
           OR EXISTS (SELECT 1 FROM concerns k WHERE k.case_id = p_case
                      AND k.raised_by = a.id))) $$""",
    """CREATE FUNCTION sv2desk_active() RETURNS boolean LANGUAGE sql STABLE
       SECURITY DEFINER SET search_path = public, pg_temp AS $$
       SELECT EXISTS (SELECT 1 FROM accounts WHERE id = sv2desk_actor() AND active) $$""",
    """CREATE FUNCTION sv2desk_on_concern(p_concern integer) RETURNS boolean LANGUAGE sql
       STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
       SELECT sv2desk_on_case((SELECT case_id FROM concerns WHERE id = p_concern)) $$""",
    # What the access rule itself needs to know about a case it may be refusing: who raised
    # its concerns (ids only). services/access.py reads it through this on the server.
    """CREATE FUNCTION sv2desk_concern_raisers(p_case integer) RETURNS SETOF integer
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
       SELECT raised_by FROM concerns WHERE case_id = p_case $$""",
    """CREATE FUNCTION sv2desk_had_concern(p_case integer) RETURNS boolean LANGUAGE sql
       STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
       SELECT EXISTS (SELECT 1 FROM concerns WHERE case_id = p_case) $$""",
    # Other PCs hear that a case, or the managers' queue, changed (ids only).
    """CREATE FUNCTION sv2desk_notify_case() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM pg_notify('sv2desk_changes', 'case:' || NEW.id); RETURN NULL; END $$""",
    """CREATE FUNCTION sv2desk_notify_queue() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM pg_notify('sv2desk_changes', 'queue'); RETURN NULL; END $$""",
]


def _sealed_columns():
    from sv2desk.models import Base
    from sv2desk.models.base import SealedText
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, SealedText) and column.type.length:
                yield table.name, column.name


def _sized_columns():
    """Every plain column with a length (sealed ones too are text: ciphertext is longer
    than what was typed). The limits are policy/validation.py's (LIMITS), checked by the services
    before anything is written, as on one PC, where SQLite never enforces a length: on the
    server too, a length in the models is no second, different limit."""
    from sqlalchemy import String
    from sv2desk.models import Base
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String) and column.type.length:
                yield table.name, column.name


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE key_file (id integer PRIMARY KEY CHECK (id = 1), "
               "body bytea NOT NULL, version integer NOT NULL)")
    # Only the columns there are at this revision (the models also describe later ones,
    # which their own migrations make as text on the server).
    import sqlalchemy as sa
    inspector = sa.inspect(op.get_bind())
    present = {t: {c["name"] for c in inspector.get_columns(t)}
               for t in inspector.get_table_names()}
    for table, column in dict.fromkeys([*_sealed_columns(), *_sized_columns()]):
        if column in present.get(table, ()):
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE text")
    for sql in FUNCTIONS:
        op.execute(sql)
    for table in BY_CASE + BY_CONCERN:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    # Whoever raised a concern is on its case (a row being written is not yet one the
    # function can see, hence the raiser named here too).
    raiser = "(raised_by = sv2desk_actor() AND sv2desk_active()) OR sv2desk_on_case(case_id)"
    op.execute(f"CREATE POLICY on_the_case ON concerns USING ({raiser}) WITH CHECK ({raiser})")
    op.execute("CREATE POLICY on_the_case ON letters "
               "USING (case_id IS NULL OR sv2desk_on_case(case_id)) "
               "WITH CHECK (case_id IS NULL OR sv2desk_on_case(case_id))")
    for table in BY_CONCERN:
        op.execute(f"CREATE POLICY on_the_case ON {table} "
                   "USING (sv2desk_on_concern(concern_id)) "
                   "WITH CHECK (sv2desk_on_concern(concern_id))")
    op.execute("CREATE TRIGGER cases_changed AFTER INSERT OR UPDATE ON cases "
               "FOR EACH ROW EXECUTE FUNCTION sv2desk_notify_case()")
    for table in ("concerns", "concern_decisions", "line_manager_discussions"):
        op.execute(f"CREATE TRIGGER queue_changed AFTER INSERT OR UPDATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION sv2desk_notify_queue()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in ("concerns", "concern_decisions", "line_manager_discussions"):
        op.execute(f"DROP TRIGGER queue_changed ON {table}")
    op.execute("DROP TRIGGER cases_changed ON cases")
    for table in BY_CASE + BY_CONCERN:
        op.execute(f"DROP POLICY on_the_case ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for name in ("sv2desk_notify_queue()", "sv2desk_notify_case()",
                 "sv2desk_had_concern(integer)", "sv2desk_concern_raisers(integer)",
                 "sv2desk_on_concern(integer)", "sv2desk_active()", "sv2desk_on_case(integer)",
                 "sv2desk_whole()", "sv2desk_actor()"):
        op.execute(f"DROP FUNCTION {name}")
    op.execute("DROP TABLE key_file")
