# Statements sharing a line with `;` are not split by the rewrite: reported.
# expect: reported shared-line
from sqlalchemy.orm import Session

from app.db import engine


def ping():
    session = Session(engine); session.execute(PING)
    session.close()
