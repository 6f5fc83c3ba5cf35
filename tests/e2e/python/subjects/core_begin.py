"""Core: a connection whose work ends in commit(), closed on the happy path only."""
from sqlalchemy import create_engine, text

from common import POOL, PG_URL, TABLE

engine = create_engine(PG_URL, future=True, **POOL)


def insert_pair(n, fail):
    conn = engine.connect()
    conn.execute(text(f"INSERT INTO {TABLE} (n) VALUES (:n)"), {"n": n})
    conn.execute(text(f"INSERT INTO {TABLE} (n) VALUES (:n)" if not fail else "INSERT INTO missing_table VALUES (1)"), {"n": -n})
    conn.commit()
    conn.close()
    return n
