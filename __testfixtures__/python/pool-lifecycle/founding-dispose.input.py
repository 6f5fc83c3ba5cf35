# The founding example's per-query teardown: `self.session.get_bind().dispose()` threw the whole pool away
# after every query. The engine belongs to each Database object, so the dispose moves into close(); the
# engine made per object and the scoped_session registry made per object are reported.
# expect: reported engine-per-call
# expect: reported scoped-session-per-call
# expect: fixed fixed-dispose-moved
from sqlalchemy import create_engine, select
from sqlalchemy.orm import scoped_session, sessionmaker


class Database:
    def __init__(self, url):
        self.engine = create_engine(url, pool_size=5)
        self.session = scoped_session(sessionmaker(bind=self.engine, autoflush=True))()  # one registry per object

    def query_all(self, model, limit=500):
        rows = [r.to_dict() for r in self.session.execute(select(model).limit(limit)).scalars()]
        self.session.get_bind().dispose()  # tears the whole pool down after every query
        return rows

    def close(self):  # callers must remember it; most do not
        if self.session is not None:
            self.session.close()
