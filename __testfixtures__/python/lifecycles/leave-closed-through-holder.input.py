# The connection is handed to a repository object whose close() in a finally closes it: already
# released on every path; nothing to change or report.
from contextlib import contextmanager

import psycopg2


class Repository:
    def __init__(self, conn):
        self.conn = conn

    def close(self):
        self.conn.close()


@contextmanager
def repository(dsn):
    conn = psycopg2.connect(dsn)
    repo = Repository(conn)
    try:
        yield repo
        conn.commit()
    finally:
        repo.close()
