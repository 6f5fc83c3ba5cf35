# A `return` inside the work stays correct: the close() just before it is dropped (the finally closes there
# too) and the value it returns does not come from the session. Nothing in the file shows SQLAlchemy 1.4
# (the first with a Session context manager), so the session is scoped with try/finally.
# expect: fixed fixed-try-finally
from sqlalchemy.orm import sessionmaker

from .db import engine
from .models import Account

SessionLocal = sessionmaker(bind=engine, expire_on_commit=False)


def account_label(account_id: int) -> str | None:
    session = SessionLocal()
    account = session.get(Account, account_id)
    if account is None:
        session.close()
        return None
    if account.closed:
        return "closed"
    label = f"{account.owner} ({account.number})"
    session.close()
    return label
