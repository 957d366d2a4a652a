"""casework: clients, cases, persons of concern, assessments, support sessions, timeline

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('clients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('preferred_name', sa.String(length=200), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('approximate_age', sa.Integer(), nullable=True),
    sa.Column('gender', sa.String(length=200), nullable=False),
    sa.Column('pronouns', sa.String(length=100), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('postcode', sa.String(length=16), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('post_is_safe', sa.Boolean(), nullable=False),
    sa.Column('safe_post_address', sa.Text(), nullable=False),
    sa.Column('may_call', sa.Boolean(), nullable=False),
    sa.Column('may_leave_voicemail', sa.Boolean(), nullable=False),
    sa.Column('may_text', sa.Boolean(), nullable=False),
    sa.Column('may_email', sa.Boolean(), nullable=False),
    sa.Column('safe_times', sa.Text(), nullable=False),
    sa.Column('name_on_envelope_ok', sa.Boolean(), nullable=False),
    sa.Column('name_on_caller_display_ok', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clients'))
    )
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('status_before_hold', sa.String(length=32), nullable=True),
    sa.Column('closed_reason', sa.String(length=32), nullable=True),
    sa.Column('closed_note', sa.Text(), nullable=False),
    sa.Column('referral_date', sa.Date(), nullable=False),
    sa.Column('arrived_by', sa.String(length=32), nullable=False),
    sa.Column('external_referral', sa.Boolean(), nullable=False),
    sa.Column('referrer_organisation', sa.String(length=200), nullable=False),
    sa.Column('referrer_name', sa.String(length=200), nullable=False),
    sa.Column('referrer_role', sa.String(length=200), nullable=False),
    sa.Column('referrer_phone', sa.String(length=40), nullable=False),
    sa.Column('referrer_email', sa.String(length=200), nullable=False),
    sa.Column('referrer_contact_consent', sa.Boolean(), nullable=False),
    sa.Column('harm_categories', sa.String(length=200), nullable=False),
    sa.Column('harm_other', sa.Text(), nullable=False),
    sa.Column('harm_timing', sa.String(length=16), nullable=False),
    sa.Column('support_requested', sa.String(length=200), nullable=False),
    sa.Column('support_other', sa.Text(), nullable=False),
    sa.Column('interaction_answer', sa.String(length=16), nullable=False),
    sa.Column('interaction_details', sa.Text(), nullable=False),
    sa.Column('area_advice', sa.String(length=16), nullable=False),
    sa.Column('eligibility_decision', sa.String(length=16), nullable=False),
    sa.Column('eligibility_note', sa.Text(), nullable=False),
    sa.Column('adult_at_risk', sa.Boolean(), nullable=False),
    sa.Column('safeguarding_note', sa.Text(), nullable=False),
    sa.Column('needs_management_attention', sa.Boolean(), nullable=False),
    sa.Column('assigned_worker_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assigned_worker_id'], ['accounts.id'], name=op.f('fk_cases_assigned_worker_id_accounts')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_cases_client_id_clients')),
    sa.ForeignKeyConstraint(['created_by'], ['accounts.id'], name=op.f('fk_cases_created_by_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('reference', name=op.f('uq_cases_reference'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_assigned_worker_id'), ['assigned_worker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_status'), ['status'], unique=False)

    op.create_table('assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=False),
    sa.Column('completed_at', sa.String(length=32), nullable=False),
    sa.Column('identity_confirmed', sa.Boolean(), nullable=False),
    sa.Column('eligibility_confirmed', sa.Boolean(), nullable=False),
    sa.Column('immediate_risk', sa.Boolean(), nullable=False),
    sa.Column('children_at_risk', sa.Boolean(), nullable=False),
    sa.Column('adults_at_risk', sa.Boolean(), nullable=False),
    sa.Column('safety_notes', sa.Text(), nullable=False),
    sa.Column('needs', sa.Text(), nullable=False),
    sa.Column('interaction_answer', sa.String(length=16), nullable=False),
    sa.Column('interaction_notes', sa.Text(), nullable=False),
    sa.Column('potential_perpetrator', sa.Boolean(), nullable=False),
    sa.Column('perpetrator_notes', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=32), nullable=False),
    sa.Column('options_offered', sa.String(length=200), nullable=False),
    sa.Column('outcome_notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_assessments_case_id_cases')),
    sa.ForeignKeyConstraint(['worker_id'], ['accounts.id'], name=op.f('fk_assessments_worker_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_case_id'), ['case_id'], unique=False)

    op.create_table('case_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_events_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events'))
    )
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_events_case_id'), ['case_id'], unique=False)

    op.create_table('persons_of_concern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('relationship_to_client', sa.String(length=200), nullable=False),
    sa.Column('other_identifiers', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_persons_of_concern_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons_of_concern'))
    )
    with op.batch_alter_table('persons_of_concern', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_of_concern_case_id'), ['case_id'], unique=False)

    op.create_table('support_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('session_date', sa.Date(), nullable=False),
    sa.Column('session_type', sa.String(length=32), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('planned', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_support_sessions_case_id_cases')),
    sa.ForeignKeyConstraint(['worker_id'], ['accounts.id'], name=op.f('fk_support_sessions_worker_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_sessions'))
    )
    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_sessions_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_sessions_session_date'), ['session_date'], unique=False)
    # Name / reference / date of birth / postcode search, inside the encrypted database.
    if op.get_bind().dialect.name == "postgresql":
        # The office server's counterpart: PostgreSQL's own text search, accents folded
        # (unaccent), prefixes matched; names also in a trigram index for ranking.
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE FUNCTION sv2desk_fold(text) RETURNS text LANGUAGE sql IMMUTABLE "
                   "PARALLEL SAFE STRICT AS $$ SELECT lower(public.unaccent("
                   "'public.unaccent'::regdictionary, $1)) $$")
        op.execute("CREATE TABLE case_search (rowid integer PRIMARY KEY, names text NOT NULL, "
                   "reference text NOT NULL, born text NOT NULL, postcode text NOT NULL, "
                   "words tsvector GENERATED ALWAYS AS ("
                   "setweight(to_tsvector('simple', sv2desk_fold(regexp_replace("
                   "names || ' ' || reference || ' ' || postcode, '[[:punct:]]', ' ', 'g'))), 'A') || setweight(to_tsvector('simple', born), 'B')) STORED)")
        op.execute("CREATE INDEX ix_case_search_words ON case_search USING gin (words)")
        op.execute("CREATE INDEX ix_case_search_names ON case_search "
                   "USING gin (sv2desk_fold(names) gin_trgm_ops)")
    else:
        op.execute("CREATE VIRTUAL TABLE case_search USING fts5(names, reference, born, "
                   "postcode, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')")
    # Sorting the caseload by date and by name without a full scan.
    op.create_index("ix_cases_referral_date", "cases", ["referral_date"])
    op.create_index("ix_clients_name", "clients", ["name"])


def downgrade() -> None:
    op.drop_index("ix_clients_name", "clients")
    op.drop_index("ix_cases_referral_date", "cases")
    op.execute("DROP TABLE case_search")
    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_sessions_session_date'))
        batch_op.drop_index(batch_op.f('ix_support_sessions_case_id'))

    op.drop_table('support_sessions')
    with op.batch_alter_table('persons_of_concern', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_of_concern_case_id'))

    op.drop_table('persons_of_concern')
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_events_case_id'))

    op.drop_table('case_events')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_case_id'))

    op.drop_table('assessments')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_status'))
        batch_op.drop_index(batch_op.f('ix_cases_client_id'))
        batch_op.drop_index(batch_op.f('ix_cases_assigned_worker_id'))

    op.drop_table('cases')
    op.drop_table('clients')
