# A psycopg2 connection is scoped with contextlib.closing, never with the connection itself (psycopg2's
# `with conn:` ends the transaction and leaves the connection open); the import joins the standard-library ones.
# expect: fixed fixed-closing
import os

import psycopg2


def fetch_settings():
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    cur = conn.cursor()
    cur.execute(
        """
        SELECT key, value
          FROM settings
         WHERE enabled
        """
    )
    settings = dict(cur.fetchall())
    cur.close()
    conn.close()
    return settings
