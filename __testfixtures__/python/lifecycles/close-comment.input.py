# A comment on the close() line stays, alone on its line at the end of the work.
# expect: fixed fixed-with
from sqlalchemy import select
from sqlalchemy.orm import Session

from billing.db import engine


def totals(invoice_ids):
    session = Session(engine)
    amounts = {i: session.scalars(select(Invoice.amount).where(Invoice.id == i)).one() for i in invoice_ids}

    session.close()  # always release before the network call below
    notify(sum(amounts.values()))
