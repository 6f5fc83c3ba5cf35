#!/usr/bin/python3
# A script's connection in its `if __name__ == "__main__":` block: closed after the work (but not when the
# query fails) and a session never closed at all; both are scoped to the end of the block. The query's
# backslash-continued string is data and keeps its lines as they are.
# expect: fixed fixed-closing
# expect: fixed fixed-never-closed
import sys
from contextlib import closing

import MySQLdb
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

if __name__ == "__main__":
    with closing(MySQLdb.connect(host="localhost", user=sys.argv[1], passwd=sys.argv[2], db=sys.argv[3])) as db:
        cur = db.cursor()
        cur.execute("SELECT id, name FROM states \
WHERE name LIKE 'N%' ORDER BY id")
        for row in cur.fetchall():
            print(row)
        cur.close()

    engine = create_engine("mysql+mysqldb://{}:{}@localhost/{}".format(
        sys.argv[1], sys.argv[2], sys.argv[3]), future=True)
    with sessionmaker(bind=engine)() as session:
        for state in session.scalars(select(State)):
            print(state.id, state.name)
