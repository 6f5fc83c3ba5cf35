# The class becomes a context manager because one caller is fixed; the callers that hand the object on are
# reported with the lifecycle's reasons, and the module-level instance is left as it is.
# expect: reported returned
# expect: reported stored
# expect: fixed fixed-caller-with
# expect: fixed fixed-context-manager
import psycopg2


class Store:
    def __init__(self, dsn):
        self.conn = psycopg2.connect(dsn)

    def get(self, key):
        with self.conn.cursor() as cur:
            cur.execute("SELECT value FROM kv WHERE key = %s", (key,))
            return cur.fetchone()

    def close(self):
        self.conn.close()


SHARED = Store("dbname=kv")


def lookup(dsn, key):
    store = Store(dsn)
    value = store.get(key)
    store.close()
    return value


def open_store(dsn, warm):
    store = Store(dsn)
    if warm:
        store.get("warmup")
        return store
    store.close()
    return None


class Cache:
    def load(self, dsn):
        store = Store(dsn)
        self.store = store
        store.close()
