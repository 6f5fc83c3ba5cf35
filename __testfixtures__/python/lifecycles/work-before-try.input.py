# A finally closes the connection, but a call that can raise runs between the connect and that try: it
# leaves the connection open (redash's pg runner polls an async connection there). Reported. Taking a cursor
# or wrapping the connection in an object of the project before the try counts as nothing that fails in
# practice: already safe, nothing to say.
# expect: reported work-before-try
import psycopg2

from .repository import Repository


def wait(conn):
    conn.poll()


def run_query(dsn, query):
    connection = psycopg2.connect(dsn=dsn, async_=True)
    wait(connection)
    cursor = connection.cursor()
    try:
        cursor.execute(query)
        rows = list(cursor)
    finally:
        connection.close()
    return rows


def count(dsn, table):
    connection = psycopg2.connect(dsn=dsn)
    cursor = connection.cursor()
    try:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]
    finally:
        connection.close()


def names(dsn):
    connection = psycopg2.connect(dsn=dsn)
    repo = Repository(connection)
    try:
        return repo.names()
    finally:
        repo.close()
