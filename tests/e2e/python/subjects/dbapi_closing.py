"""psycopg2 without a pool: connect, write, commit, close — the close skipped when the write fails."""
import psycopg2

from common import APP, PG_DSN, TABLE, Injected


def write(n, fail):
    conn = psycopg2.connect(PG_DSN, application_name=APP)
    cur = conn.cursor()
    cur.execute(f"INSERT INTO {TABLE} (n) VALUES (%s)", (n,))
    if fail:
        raise Injected(n)
    conn.commit()
    cur.close()
    conn.close()
    return n
