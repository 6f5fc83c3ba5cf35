# A connection or session made as an argument of another call and kept in no name: this code never closes it
# (pandas documents that read_sql leaves closing a connection it is given to the caller), so it stays checked
# out until the garbage collector finds it. Reported, for a positional and a keyword argument, at module level
# too. Left alone: one an exit stack or closing() takes charge of, one a with statement manages, a scoped
# registry's session (the thread's shared one), and a chain already reported as used at once.
# expect: reported not-stored
# expect: reported not-stored
# expect: reported not-stored
# expect: reported not-stored
# expect: reported never-closed
import contextlib

import pandas as pd
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql://localhost/app")
SessionLocal = sessionmaker(bind=engine)
Scoped = scoped_session(SessionLocal)


def load(query):
    return pd.read_sql(query, engine.connect())


def load_frame(query):
    frame = pd.read_sql_query(query, con=engine.connect())
    return frame


def table_names():
    return inspect(engine.connect()).get_table_names()


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
