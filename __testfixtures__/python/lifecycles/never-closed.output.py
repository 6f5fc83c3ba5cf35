# A connection nothing closes, and one closed only on the path that falls off the end: the with block runs
# to the end of the function, so it closes on every path; a value read from the connection and returned at
# the end is plain data. A close() alone in its branch stays (a second close() is a no-op for psycopg2).
# expect: fixed fixed-closing
# expect: fixed fixed-never-closed
import psycopg2
from contextlib import closing


def server_time(dsn):
    with closing(psycopg2.connect(dsn)) as conn:
        cur = conn.cursor()
        cur.execute("SELECT now()")
        return cur.fetchone()[0]


def touch(dsn, keep_open):
    with closing(psycopg2.connect(dsn)) as conn:
        conn.cursor().execute("UPDATE heartbeat SET at = now()")
        conn.commit()
        if not keep_open:
            conn.close()
