# The founding example: a data-access class whose close() callers must remember. It becomes a context
# manager (its close() is kept: __exit__ calls it), and the caller that closed it on the happy path only
# now scopes it with `with`.
# expect: fixed fixed-caller-with
# expect: fixed fixed-context-manager
from sqlalchemy import create_engine, select
from sqlalchemy.orm import scoped_session, sessionmaker

from reports.models import User


class Database:
    def __init__(self, url):
        self.engine = create_engine(url, pool_size=5)
        self.session = scoped_session(sessionmaker(bind=self.engine, autoflush=True))()

    def query_all(self, model, limit=500):
        return [r.to_dict() for r in self.session.execute(select(model).limit(limit)).scalars()]

    def close(self):
        if self.session is not None:
            self.session.close()
        self.engine.dispose()


def export_users(url, out):
    db = Database(url)
    for row in db.query_all(User):
        out.write(f"{row['id']},{row['email']}\n")
    db.close()
