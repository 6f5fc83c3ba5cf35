# A generator expression over the cursor reads the rows only when the caller iterates it, after the function
# has returned: a `with` closing the connection at the end of the block would cut it off. Reported.
# expect: reported early-exit-value
import psycopg2


def stream(dsn, query):
    cnx = psycopg2.connect(dsn)
    cursor = cnx.cursor()
    cursor.execute(query)
    return (row[0] for row in cursor)
