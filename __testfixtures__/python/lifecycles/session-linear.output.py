# A Session closed on the happy path only becomes `with Session(engine) as session:`; the comment on the
# acquire line stays on the with line, and the result computed inside is used after the block as before.
# expect: fixed fixed-with
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.models import Order

engine = create_engine("postgresql+psycopg2://app@db/shop", pool_size=5)


def open_orders(customer_id):
    with Session(engine) as session:  # a unit of work per call
        stmt = select(Order).where(Order.customer_id == customer_id, Order.open.is_(True))
        # Plain dicts leave the session, never ORM objects.
        orders = [o.as_dict() for o in session.execute(stmt).scalars()]
    return sorted(orders, key=lambda o: o["created"])
