# A close() at the end of a with block on the same object ran a second time for nothing: it goes for a
# Session, a Core connection and a closing() of a psycopg2 connection; a PyMySQL connection's stays
# (its close() raises when called twice, so the original already failed there — not this rewrite's to change).
# expect: fixed fixed-redundant-close
# expect: fixed fixed-redundant-close
# expect: fixed fixed-redundant-close
from contextlib import closing

import psycopg2
import pymysql
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql://app@db/app", future=True)


def names():
    with Session(engine) as session:
        result = [n for (n,) in session.execute(text("SELECT name FROM users"))]
    return result


def ping():
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def version(dsn):
    with closing(psycopg2.connect(dsn)) as conn:
        value = conn.server_version
    return value


def mysql_version(**kw):
    with closing(pymysql.connect(**kw)) as conn:
        value = conn.get_server_info()
        conn.close()
    return value
