# A made-up inventory service's data access, in the shape leakproof was started for: an engine and a
# scoped_session registry made per object, the whole pool thrown away after every query, a close() its
# callers forget on errors, and a helper whose session stays open when the query raises.
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from inventory.models import Product

engine = create_engine("postgresql://inventory@localhost/inventory", pool_size=5)


class Database:
    def __init__(self, url):
        self.engine = create_engine(url, pool_size=5)
        self.session = scoped_session(sessionmaker(bind=self.engine, autoflush=True))()

    def query_all(self, model, limit=500):
        rows = [r.to_dict() for r in self.session.execute(select(model).limit(limit)).scalars()]
        self.session.get_bind().dispose()
        return rows

    def close(self):
        if self.session is not None:
            self.session.close()


def product_names(url):
    db = Database(url)
    names = sorted(p["name"] for p in db.query_all(Product))
    db.close()
    return names


def stock_count(sku):
    session = Session(engine)
    count = session.execute(text("SELECT count(*) FROM stock WHERE sku = :sku"), {"sku": sku}).scalar()
    session.close()
    return count
