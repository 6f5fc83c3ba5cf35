# What a DBAPI cursor hands back once a statement has run is plain data: the fetch methods' rows, and the
# attributes PEP 249 sets (`description`, `rowcount`, `lastrowid`). A dict, list or tuple of such parts, or a
# part of rows already fetched (`rows[0][0]`), or what is built from such parts only (a frame made from the
# rows, its column names given by keyword; pandas.read_sql's whole frame) is plain data too, so the connection
# these functions never close can be closed before the caller gets it. A value that holds the cursor itself is
# still reported, and so is read_sql's iterator over chunks, which reads from the connection as it goes.
# expect: fixed fixed-never-closed
# expect: fixed fixed-never-closed
# expect: fixed fixed-never-closed
# expect: fixed fixed-never-closed
# expect: fixed fixed-never-closed
# expect: reported early-exit-value
# expect: reported early-exit-value
import pandas as pd
import psycopg2
from contextlib import closing


def run_query(dsn, query):
    with closing(psycopg2.connect(dsn)) as conn:
        cur = conn.cursor()
        cur.execute(query)
        return {"table": cur.fetchall(), "colnames": [desc[0] for desc in cur.description]}


def first_value(dsn, query):
    with closing(psycopg2.connect(dsn)) as conn:
        cur = conn.cursor()
        cur.execute(query)
        result = cur.fetchall()
        return result[0][0]


def purge(dsn, day):
    with closing(psycopg2.connect(dsn)) as conn:
        cur = conn.cursor()
        cur.execute("DELETE FROM events WHERE day < %s", (day,))
        conn.commit()
        return (cur.rowcount, day)


def frame(dsn, query):
    with closing(psycopg2.connect(dsn)) as conn:
        cur = conn.cursor()
        cur.execute(query)
        rows = cur.fetchall()
        df = pd.DataFrame.from_records(rows, columns=[x[0] for x in cur.description])
        return df


def read_frame(dsn, query):
    with closing(psycopg2.connect(dsn)) as conn:
        df = pd.read_sql(query, conn)
        return df


def read_chunks(dsn, query):
    conn = psycopg2.connect(dsn)
    return pd.read_sql(query, conn, chunksize=100)


def open_cursor(dsn, query):
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute(query)
    return {"cursor": cur, "query": query}
