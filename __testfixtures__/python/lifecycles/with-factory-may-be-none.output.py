# The factory returns None when the connect fails: `closing(None)` would raise a second error on exit, so
# the connection is made before a try whose finally closes it when it is not None; `with conn` keeps
# failing on None exactly as before, and the except still sees the error. The factory itself hands the
# connection to its caller at once: not a finding.
# expect: fixed fixed-with-item-hoist
# expect: fixed fixed-with-item-hoist
import psycopg2


def create_connection(dsn):
    try:
        conn = psycopg2.connect(dsn)
        return conn
    except psycopg2.Error as e:
        print("Unable to connect!", e)


def save(dsn, url):
    conn = create_connection(dsn)
    try:
        with conn, conn.cursor() as curs:
            curs.execute("INSERT INTO urls (name) VALUES (%s)", [url])
    finally:
        if conn is not None:
            conn.close()


def find(dsn, name):
    try:
        conn = create_connection(dsn)
        try:
            with conn, conn.cursor() as curs:
                curs.execute("SELECT id FROM urls WHERE name = %s", [name])
                return curs.fetchone()
        finally:
            if conn is not None:
                conn.close()
    except Exception as e:
        print(e)
    return False
