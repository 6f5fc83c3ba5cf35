# sqlite3 connections go through closing() too (sqlite3's own context manager does not close); a
# `contextlib` already imported as a module is used as it is.
# expect: fixed fixed-closing
import contextlib
import sqlite3

DB_PATH = "cache.sqlite3"


def cached(key):
	conn = sqlite3.connect(DB_PATH)
	row = conn.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchone()
	conn.close()
	return row[0] if row else None
