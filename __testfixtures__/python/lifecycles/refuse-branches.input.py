# close() only inside a branch of a loop body, or never inside a branch: the with block could not reach
# the end of the work; reported with what is wrong.
# expect: reported closed-conditionally
# expect: reported never-closed
import psycopg2


def per_item(dsn, items):
    for item in items:
        conn = psycopg2.connect(dsn)
        conn.cursor().execute("SELECT %s", (item.key,))
        if item.last:
            conn.close()


def forgets(dsn, verbose):
    if verbose:
        conn = psycopg2.connect(dsn)
        conn.cursor().execute("SELECT now()")
    return None
