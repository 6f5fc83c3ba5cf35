# A connection or session made as an argument of another call and kept in no name: this code never closes it,
# so it stays checked out until the garbage collector finds it. Reported where the statement cannot simply move
# into a `with` block: a reader that hands back an iterator over the open result (chunksize), work that runs
# before the connection is made (a call, or a test that may skip it), a callee that may keep it (inspect(), a
# function of the project), a driver whose own context manager does not close (psycopg2). Left alone: one an
# exit stack or closing() takes charge of, one a with statement manages, a scoped registry's session (the
# thread's shared one), a chain already reported as used at once, and module-level code (it lives for the
# process, as a connection kept in a module-level name does).
# expect: reported not-stored
# expect: reported not-stored
# expect: reported not-stored
# expect: reported not-stored
# expect: reported not-stored
# expect: reported not-stored
# expect: reported never-closed
import contextlib

import pandas as pd
import psycopg2
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql://localhost/app")
SessionLocal = sessionmaker(bind=engine)
Scoped = scoped_session(SessionLocal)


def export(query, sink):
    for chunk in pd.read_sql(query, engine.connect(), chunksize=1000):
        sink.write(chunk)


def load_built(parts):
    return pd.read_sql(" ".join(parts), engine.connect())


def load_cached(cache, query):
    return cache.get(query) or pd.read_sql(query, engine.connect())


def table_names():
    return inspect(engine.connect()).get_table_names()


def handled(handler):
    return handler(SessionLocal())


def load_raw(dsn, query):
    return pd.read_sql(query, psycopg2.connect(dsn))


def kept(stack: contextlib.ExitStack):
    conn = stack.enter_context(engine.connect())
    with contextlib.closing(engine.connect()) as other:
        other.execute(text("SELECT 1"))
    return conn


def shared_session(handler):
    return handler(Scoped())


def count():
    print(engine.connect().execute(text("SELECT count(*) FROM users")).scalar())


summary = pd.read_sql("SELECT 1", engine.connect())
