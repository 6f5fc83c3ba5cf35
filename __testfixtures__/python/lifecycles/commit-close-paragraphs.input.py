# Work in paragraphs: the commit and the close, each set apart by blank lines, go with one of the blank lines
# around them, so no run of blank lines is left where they stood (sqlmodel's tutorial kept four before the next
# function). A `# type: ignore` on the close goes with it: it spoke of that line only.
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

    session.close()  # type: ignore[attr-defined]


def main():
    record("me", "login")
