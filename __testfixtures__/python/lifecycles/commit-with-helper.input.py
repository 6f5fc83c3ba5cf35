# The session is handed to a helper that might commit or roll back itself, so the commit stays explicit
# inside a plain `with` block instead of becoming session.begin().
# expect: fixed fixed-with
from sqlalchemy.orm import DeclarativeBase, Session

from inventory.db import engine
from inventory.stock import reserve_items


class Base(DeclarativeBase):
    pass


def reserve(order):
    session = Session(engine)
    reserve_items(session, order.items)
    session.commit()
    session.close()
