# Values read from the connection that only go into a list the function makes and keeps to itself (`ids = [id]`,
# then popped and extended) are not handed out: the block that closes the connection at its end changes
# nothing for them. Fixed with closing() (sqlite3's own `with` only ends the transaction).
# expect: fixed fixed-with-item
import sqlite3
from collections import defaultdict


def flatten(path):
    with sqlite3.connect(path) as con:
        top = [row[0] for row in con.execute("SELECT id FROM comments WHERE parent IS NULL").fetchall()]
        flattened = defaultdict(set)
        for id in top:
            ids = [id]
            while ids:
                rv = [row[0] for row in con.execute("SELECT id FROM comments WHERE parent = ?", (ids.pop(),)).fetchall()]
                ids.extend(rv)
                flattened[id].update(rv)
        for id, children in flattened.items():
            for child in children:
                con.execute("UPDATE comments SET parent = ? WHERE id = ?", (id, child))
