# `with psycopg2.connect(...) as conn:` only ends the transaction (psycopg2 and sqlite3 leave the
# connection open): `closing(...) as conn, conn` keeps the transaction block and closes after it. A
# connection from a one-line factory of the same file is recognised; rows fetched and returned are data.
# expect: fixed fixed-with-item
# expect: fixed fixed-with-item
# expect: fixed fixed-with-item
import sqlite3
from contextlib import closing

import psycopg2

DSN = "dbname=shop"


def get_connection():
    return sqlite3.connect("local.db")


def count_orders():
    with closing(psycopg2.connect(DSN)) as conn, conn:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM orders")
            return cur.fetchone()[0]


def add_tag(name):
    with closing(get_connection()) as conn, conn:
        conn.execute("INSERT INTO tags (name) VALUES (?)", (name,))


def recent(limit):
    with closing(psycopg2.connect(DSN)) as conn, conn, conn.cursor() as cur:
        cur.execute("SELECT id FROM orders ORDER BY id DESC LIMIT %s", (limit,))
        rows = cur.fetchall()
    return [r[0] for r in rows]
