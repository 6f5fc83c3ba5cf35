# close() only inside a branch, or never: reported with what is wrong.
# expect: reported closed-conditionally
# expect: reported never-closed
import psycopg2


def maybe_close(dsn, keep):
    conn = psycopg2.connect(dsn)
    conn.cursor().execute("SELECT 1")
    if not keep:
        conn.close()


def forgets(dsn):
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute("SELECT now()")
    return cur.fetchone()[0]
