# Already released on every path: a with block, a try/finally, a @contextmanager that closes in finally,
# a FastAPI dependency that closes in finally. Nothing to do, nothing to report.
from contextlib import closing, contextmanager

import psycopg2
from sqlalchemy.orm import Session, sessionmaker

from app.db import engine

SessionLocal = sessionmaker(bind=engine)


def with_block():
    with Session(engine) as session:
        return session.scalar(COUNT)


def try_finally():
    session = SessionLocal()
    try:
        return session.scalar(COUNT)
    finally:
        session.close()


def guarded(dsn):
    conn = None
    try:
        conn = psycopg2.connect(dsn)
        return conn.cursor().execute("SELECT 1")
    finally:
        if conn is not None:
            conn.close()


@contextmanager
def session_scope():
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def scoped_conn(dsn):
    conn = psycopg2.connect(dsn)
    with closing(conn):
        conn.cursor().execute("SELECT 1")
