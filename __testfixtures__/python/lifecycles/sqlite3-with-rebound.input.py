# sqlite3's `with connect(path) as con:` ends the transaction but never closes the connection. A function that
# opens one such block after another under the same name: each later `as con` binds a new connection, so the
# earlier block's connection is not "used after the block" there, and an earlier block's uses store nothing of
# a later one. Each block gets closing() and keeps its transaction.
# expect: fixed fixed-with-item
# expect: fixed fixed-with-item
import sqlite3


def migrate(path, version):
    if version == 0:
        with sqlite3.connect(path) as con:
            con.execute("UPDATE comments SET voters = NULL")
            con.execute("PRAGMA user_version = 1")
    if version == 1:
        with sqlite3.connect(path) as con:
            add_column(con)
    return version + 1


def add_column(con):
    con.execute("ALTER TABLE comments ADD COLUMN notification INTEGER DEFAULT 0")
