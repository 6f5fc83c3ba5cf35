"""Checks the catalogue's context-manager facts against the libraries installed for /usr/bin/python3 and a
live PostgreSQL; prints them as JSON (tests/e2e/python/python.test.ts compares them with src/python/catalog)."""
import json
import os
import sqlite3

import psycopg
import psycopg2
import pymysql
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, scoped_session, sessionmaker

dsn = os.environ["LP_PG_DSN"]
facts = {}

conn = psycopg2.connect(dsn)
with conn:
    pass
facts["psycopg2 with closes"] = conn.closed != 0
conn.close()

conn3 = psycopg.connect(dsn)
with conn3:
    pass
facts["psycopg with closes"] = conn3.closed

lite = sqlite3.connect(":memory:")
with lite:
    pass
try:
    lite.execute("SELECT 1")
    facts["sqlite3 with closes"] = False
except sqlite3.ProgrammingError:
    facts["sqlite3 with closes"] = True

my = pymysql.connections.Connection(defer_connect=True)
my.close()
try:
    my.close()
    facts["pymysql second close raises"] = False
except pymysql.err.Error:
    facts["pymysql second close raises"] = True

engine = create_engine(os.environ["LP_PG_URL"], future=True)
with Session(engine) as session:
    session.execute(text("SELECT 1"))
    held = engine.pool.checkedout()
facts["Session with closes"] = held == 1 and engine.pool.checkedout() == 0
registry = scoped_session(sessionmaker(bind=engine))
with registry.begin():
    registry.execute(text("SELECT 1"))
facts["scoped begin removes"] = not registry.registry.has()
registry.remove()
raw = engine.raw_connection()
facts["raw_connection proxy is a context manager"] = hasattr(type(raw), "__enter__")
raw.close()
engine.dispose()
print(json.dumps(facts))
