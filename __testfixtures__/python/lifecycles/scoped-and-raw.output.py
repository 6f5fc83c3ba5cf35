# A scoped registry's session closed at the end is scoped with `with`, like any Session; an
# engine.raw_connection() goes through closing() (the pool's proxy has no context manager of its own).
# expect: fixed fixed-closing
# expect: fixed fixed-with
from sqlalchemy import create_engine, select
from sqlalchemy.orm import scoped_session, sessionmaker
from contextlib import closing

engine = create_engine("postgresql://app@db/app")
DBSession = scoped_session(sessionmaker(bind=engine))


def names():
    with DBSession() as session:
        result = [u.name for u in session.scalars(select(User))]
    return result


def vacuum(table):
    with closing(engine.raw_connection()) as raw:
        raw.set_isolation_level(0)
        cur = raw.cursor()
        cur.execute("VACUUM " + table)
