# A scoped registry's session closed at the end is scoped with `with`, like any Session; an
# engine.raw_connection() goes through closing() (the pool's proxy has no context manager of its own).
# expect: fixed fixed-closing
# expect: fixed fixed-with
from sqlalchemy import create_engine, select
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql://app@db/app")
DBSession = scoped_session(sessionmaker(bind=engine))


def names():
    session = DBSession()
    result = [u.name for u in session.scalars(select(User))]
    session.close()
    return result


def vacuum(table):
    raw = engine.raw_connection()
    raw.set_isolation_level(0)
    cur = raw.cursor()
    cur.execute("VACUUM " + table)
    raw.close()
