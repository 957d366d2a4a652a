"""potential-perpetrator workflow: concerns, explanations, line-manager discussions, decisions, outcome communications

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('concerns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('raised_by', sa.Integer(), nullable=False),
    sa.Column('raised_at', sa.String(length=32), nullable=False),
    sa.Column('stage', sa.String(length=32), nullable=False),
    sa.Column('information', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('initial_risk_notes', sa.Text(), nullable=False),
    sa.Column('risk_level', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('completed_at', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_concerns_case_id_cases')),
    sa.ForeignKeyConstraint(['raised_by'], ['accounts.id'], name=op.f('fk_concerns_raised_by_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concerns'))
    )
    with op.batch_alter_table('concerns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concerns_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concerns_status'), ['status'], unique=False)

    op.create_table('concern_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.String(length=32), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('correction_reason', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=32), nullable=False),
    sa.Column('steps_json', sa.Text(), nullable=False),
    sa.Column('safeguarding_authority', sa.Text(), nullable=False),
    sa.Column('safeguarding_reported_on', sa.String(length=32), nullable=False),
    sa.Column('safeguarding_reference', sa.Text(), nullable=False),
    sa.Column('safeguarding_consent', sa.String(length=16), nullable=False),
    sa.Column('safeguarding_lawful_basis', sa.Text(), nullable=False),
    sa.Column('referrer_contact_consent', sa.Boolean(), nullable=False),
    sa.Column('victim_safety_note', sa.Text(), nullable=False),
    sa.Column('communicator', sa.String(length=16), nullable=False),
    sa.Column('communicator_id', sa.Integer(), nullable=False),
    sa.Column('communicator_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['communicator_id'], ['accounts.id'], name=op.f('fk_concern_decisions_communicator_id_accounts')),
    sa.ForeignKeyConstraint(['concern_id'], ['concerns.id'], name=op.f('fk_concern_decisions_concern_id_concerns')),
    sa.ForeignKeyConstraint(['corrects_id'], ['concern_decisions.id'], name=op.f('fk_concern_decisions_corrects_id_concern_decisions')),
    sa.ForeignKeyConstraint(['decided_by'], ['accounts.id'], name=op.f('fk_concern_decisions_decided_by_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concern_decisions'))
    )
    with op.batch_alter_table('concern_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_decisions_concern_id'), ['concern_id'], unique=False)

    op.create_table('concern_explanations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.String(length=32), nullable=False),
    sa.Column('explained_on', sa.String(length=32), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('not_able_to_support', sa.Boolean(), nullable=False),
    sa.Column('not_able_to_support_reason', sa.Text(), nullable=False),
    sa.Column('discussed_with_management', sa.Boolean(), nullable=False),
    sa.Column('discussed_with_management_reason', sa.Text(), nullable=False),
    sa.Column('outcome_will_be_communicated', sa.Boolean(), nullable=False),
    sa.Column('outcome_will_be_communicated_reason', sa.Text(), nullable=False),
    sa.Column('safeguarding_may_be_reported', sa.Boolean(), nullable=False),
    sa.Column('safeguarding_may_be_reported_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['concern_id'], ['concerns.id'], name=op.f('fk_concern_explanations_concern_id_concerns')),
    sa.ForeignKeyConstraint(['recorded_by'], ['accounts.id'], name=op.f('fk_concern_explanations_recorded_by_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concern_explanations'))
    )
    with op.batch_alter_table('concern_explanations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_explanations_concern_id'), ['concern_id'], unique=False)

    op.create_table('line_manager_discussions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=False),
    sa.Column('manager_id', sa.Integer(), nullable=False),
    sa.Column('countersigned_at', sa.String(length=32), nullable=False),
    sa.Column('risks', sa.Text(), nullable=False),
    sa.Column('needs', sa.Text(), nullable=False),
    sa.Column('safeguarding_action', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['concern_id'], ['concerns.id'], name=op.f('fk_line_manager_discussions_concern_id_concerns')),
    sa.ForeignKeyConstraint(['manager_id'], ['accounts.id'], name=op.f('fk_line_manager_discussions_manager_id_accounts')),
    sa.ForeignKeyConstraint(['worker_id'], ['accounts.id'], name=op.f('fk_line_manager_discussions_worker_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_line_manager_discussions'))
    )
    with op.batch_alter_table('line_manager_discussions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_line_manager_discussions_concern_id'), ['concern_id'], unique=False)

    op.create_table('outcome_communications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.String(length=32), nullable=False),
    sa.Column('communicated_on', sa.String(length=32), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('letter_sent', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('case_result', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['concern_id'], ['concerns.id'], name=op.f('fk_outcome_communications_concern_id_concerns')),
    sa.ForeignKeyConstraint(['recorded_by'], ['accounts.id'], name=op.f('fk_outcome_communications_recorded_by_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_communications'))
    )
    with op.batch_alter_table('outcome_communications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_communications_concern_id'), ['concern_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outcome_communications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcome_communications_concern_id'))

    op.drop_table('outcome_communications')
    with op.batch_alter_table('line_manager_discussions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_line_manager_discussions_concern_id'))

    op.drop_table('line_manager_discussions')
    with op.batch_alter_table('concern_explanations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_explanations_concern_id'))

    op.drop_table('concern_explanations')
    with op.batch_alter_table('concern_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_decisions_concern_id'))

    op.drop_table('concern_decisions')
    with op.batch_alter_table('concerns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concerns_status'))
        batch_op.drop_index(batch_op.f('ix_concerns_case_id'))

    op.drop_table('concerns')
