"""connection check: blocking keys, confidential flags, decisions, overrides; session location

Revision ID: 0005
Revises: 0004

Existing clients and persons of concern get their blocking keys from the services on
the first connection check after the upgrade (services.connections.ensure_index), not
here, so the key scheme lives in one place.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('connection_keys',
    sa.Column('key', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('record_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('key', 'kind', 'record_id', name=op.f('pk_connection_keys')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('connection_keys', schema=None) as batch_op:
        batch_op.create_index('ix_connection_keys_record', ['kind', 'record_id'], unique=False)

    op.create_table('connection_flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pair', sa.String(length=64), nullable=False),
    sa.Column('left_kind', sa.String(length=8), nullable=False),
    sa.Column('left_id', sa.Integer(), nullable=False),
    sa.Column('left_case_id', sa.Integer(), nullable=False),
    sa.Column('right_kind', sa.String(length=8), nullable=False),
    sa.Column('right_id', sa.Integer(), nullable=False),
    sa.Column('right_case_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('evidence_json', sa.Text(), nullable=False),
    sa.Column('trigger', sa.String(length=32), nullable=False),
    sa.Column('raised_at', sa.String(length=32), nullable=False),
    sa.Column('raised_by', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['left_case_id'], ['cases.id'], name=op.f('fk_connection_flags_left_case_id_cases')),
    sa.ForeignKeyConstraint(['raised_by'], ['accounts.id'], name=op.f('fk_connection_flags_raised_by_accounts')),
    sa.ForeignKeyConstraint(['right_case_id'], ['cases.id'], name=op.f('fk_connection_flags_right_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_connection_flags')),
    sa.UniqueConstraint('pair', name=op.f('uq_connection_flags_pair'))
    )
    with op.batch_alter_table('connection_flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_connection_flags_left_case_id'), ['left_case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_connection_flags_right_case_id'), ['right_case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_connection_flags_status'), ['status'], unique=False)

    op.create_table('connection_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flag_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.String(length=32), nullable=False),
    sa.Column('safety_measures', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['decided_by'], ['accounts.id'], name=op.f('fk_connection_decisions_decided_by_accounts')),
    sa.ForeignKeyConstraint(['flag_id'], ['connection_flags.id'], name=op.f('fk_connection_decisions_flag_id_connection_flags')),
    sa.ForeignKeyConstraint(['replaces_id'], ['connection_decisions.id'], name=op.f('fk_connection_decisions_replaces_id_connection_decisions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_connection_decisions'))
    )
    with op.batch_alter_table('connection_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_connection_decisions_flag_id'), ['flag_id'], unique=False)

    op.create_table('connection_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flag_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=False),
    sa.Column('overridden_by', sa.Integer(), nullable=False),
    sa.Column('overridden_at', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_connection_overrides_case_id_cases')),
    sa.ForeignKeyConstraint(['flag_id'], ['connection_flags.id'], name=op.f('fk_connection_overrides_flag_id_connection_flags')),
    sa.ForeignKeyConstraint(['overridden_by'], ['accounts.id'], name=op.f('fk_connection_overrides_overridden_by_accounts')),
    sa.ForeignKeyConstraint(['worker_id'], ['accounts.id'], name=op.f('fk_connection_overrides_worker_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_connection_overrides'))
    )
    with op.batch_alter_table('connection_overrides', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_connection_overrides_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_connection_overrides_flag_id'), ['flag_id'], unique=False)

    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('location', sa.String(length=200), nullable=False,
                                      server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.drop_column('location')

    with op.batch_alter_table('connection_overrides', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_connection_overrides_flag_id'))
        batch_op.drop_index(batch_op.f('ix_connection_overrides_case_id'))

    op.drop_table('connection_overrides')
    with op.batch_alter_table('connection_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_connection_decisions_flag_id'))

    op.drop_table('connection_decisions')
    with op.batch_alter_table('connection_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_connection_flags_status'))
        batch_op.drop_index(batch_op.f('ix_connection_flags_right_case_id'))
        batch_op.drop_index(batch_op.f('ix_connection_flags_left_case_id'))

    op.drop_table('connection_flags')
    with op.batch_alter_table('connection_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_connection_keys_record')

    op.drop_table('connection_keys')
