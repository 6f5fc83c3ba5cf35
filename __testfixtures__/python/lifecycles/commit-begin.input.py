# Work that ends in commit() with nothing else steering the transaction becomes
# `with SessionLocal() as session, session.begin():` — it commits exactly where the code did, and rolls
# back instead of leaking when the work raises.
# expect: fixed fixed-with-begin
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from shop.models import AuditEntry

engine = create_engine("sqlite:///audit.db")
SessionLocal = sessionmaker(engine)


def record(actor, action):
    session = SessionLocal()
    entry = AuditEntry(actor=actor, action=action)
    session.add(entry)
    session.commit()
    session.close()
