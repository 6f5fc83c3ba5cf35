"""psycopg2's `with conn:` ends the transaction but never closes the connection."""
import psycopg2

from common import APP, PG_DSN, TABLE, Injected


def write_and_count(n, fail):
    with psycopg2.connect(PG_DSN, application_name=APP) as conn:
        with conn.cursor() as cur:
            cur.execute(f"INSERT INTO {TABLE} (n) VALUES (%s)", (n,))
            if fail:
                raise Injected(n)
            cur.execute(f"SELECT count(*) >= 1 FROM {TABLE}")
            return cur.fetchone()[0]
