"""retention: when a case closed and was erased, and the record of erasures

Revision ID: 0006
Revises: 0005

Cases closed before this revision get their closing date from the last time the case
changed (updated_at), which is when it closed: a closed case cannot change afterwards.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('erased_at', sa.String(length=32), nullable=True))
    op.execute("UPDATE cases SET closed_at = updated_at WHERE status = 'closed'")

    op.create_table('erasures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=True),
    sa.Column('erased_by', sa.Integer(), nullable=False),
    sa.Column('erased_at', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_erasures_case_id_cases')),
    sa.ForeignKeyConstraint(['concern_id'], ['concerns.id'], name=op.f('fk_erasures_concern_id_concerns')),
    sa.ForeignKeyConstraint(['erased_by'], ['accounts.id'], name=op.f('fk_erasures_erased_by_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasures'))
    )
    with op.batch_alter_table('erasures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasures_case_id'), ['case_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('erasures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasures_case_id'))
    op.drop_table('erasures')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
        batch_op.drop_column('closed_at')
