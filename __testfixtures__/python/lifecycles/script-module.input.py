# A module-level script that connects, inserts and closes: scoped at module level, with the file's own
# two-space indentation; a module-level connection nothing closes is left alone (it lives for the process).
# expect: fixed fixed-closing
import pymysql

ARCHIVE = pymysql.connect(host="archive", user="ro")

conn = pymysql.connect(host="localhost", user="root", database="test", autocommit=True)
cur = conn.cursor()
for n in range(3):
  cur.execute("INSERT INTO numbers (n) VALUES (%s)", (n,))
cur.close()
conn.close()
print("done")
