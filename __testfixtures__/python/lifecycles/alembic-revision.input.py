# Alembic's MigrationContext reads the version table when asked: the revision it returns is a string, plain data
# that may be returned from inside `with engine.connect() as conn:`. What the context itself is stays unknown:
# handed out, it is reported.
# expect: fixed fixed-never-closed
# expect: fixed fixed-never-closed
# expect: reported early-exit-value
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

engine = create_engine("postgresql://app@db/app")


def current_revision():
    conn = engine.connect()
    context = MigrationContext.configure(conn)
    current_rev = context.get_current_revision()
    return current_rev


def current_heads():
    conn = engine.connect()
    heads = MigrationContext.configure(conn).get_current_heads()
    return list(heads)


def migration_context():
    conn = engine.connect()
    context = MigrationContext.configure(conn)
    return context
