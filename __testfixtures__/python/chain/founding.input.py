# The founding example, re-created, run through the default chain (lifecycles, pool-lifecycle,
# remove-redundant-close): the per-query dispose() moves into close(), Database becomes a context manager,
# and the caller that forgot close() on errors scopes it with `with`. The registry and the engine made per
# object are reported (moving them to module level is a design change).
# expect: reported engine-per-call
# expect: reported scoped-session-per-call
# expect: fixed fixed-caller-with
# expect: fixed fixed-context-manager
# expect: fixed fixed-dispose-moved
from sqlalchemy import create_engine, select
from sqlalchemy.orm import scoped_session, sessionmaker

from inventory.models import Product


class Database:
    def __init__(self, url):
        self.engine = create_engine(url, pool_size=5)
        self.session = scoped_session(sessionmaker(bind=self.engine, autoflush=True))()   # one registry per object

    def query_all(self, model, limit=500):
        rows = [r.to_dict() for r in self.session.execute(select(model).limit(limit)).scalars()]
        self.session.get_bind().dispose()        # tears the whole pool down after every query
        return rows

    def close(self):                             # callers must remember it; most do not
        if self.session is not None:
            self.session.close()


def product_names(url):
    db = Database(url)
    names = sorted(p["name"] for p in db.query_all(Product))
    db.close()
    return names
