"""The database schema's migrations, run by Alembic (store/migrate.py): env.py and one file per revision in versions/."""
