# A close() before an early return, with only a message set to a literal in between, ends the work on that
# path: the `with` block closes there too. Anything else after the close is work it would cover: reported.
# expect: fixed fixed-closing
# expect: reported closed-early
import psycopg2


def installed(dsn):
    connection = psycopg2.connect(dsn)
    cur = connection.cursor()
    cur.execute("SELECT 1")
    result = cur.fetchone()
    if result is None:
        connection.close()
        message = "Make sure the extension is installed."
        return False, message
    cur.execute("SELECT 2")
    found = cur.fetchone()[0]
    connection.close()
    return found, ""


def described(dsn):
    connection = psycopg2.connect(dsn)
    cur = connection.cursor()
    cur.execute("SELECT 1")
    result = cur.fetchone()
    if result is None:
        connection.close()
        message = f"nothing in {cur.rowcount} rows"
        return False, message
    connection.close()
    return True, ""
