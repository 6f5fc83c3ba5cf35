# A list comprehension over the cursor is filled when it is made, from its own loop variable only: the rows
# are read before the connection would close, so closing it at the end of the block changes nothing for the
# returned list (a generator expression would be another matter). Fixed with closing() (psycopg2's own `with`
# only ends the transaction).
# expect: fixed fixed-never-closed
from contextlib import closing

import psycopg2
import psycopg2.extras


def fetch(dsn, query):
    cnx = psycopg2.connect(dsn)
    cursor = cnx.cursor(cursor_factory=psycopg2.extras.DictCursor)
    cursor.execute(query)
    return [dict(row) for row in cursor]
