# SQLAlchemy before 1.4 has no Session context manager: with nothing showing 1.4 or later, the session is
# scoped with try/finally, the close() moves into the finally, and a generator that never closed its
# session closes it in a finally added at the end.
# expect: fixed fixed-never-closed
# expect: fixed fixed-try-finally
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("mysql://app@db/app", pool_recycle=3600)
Session = sessionmaker(bind=engine)


def rename(item_id, name, session=Session):
    session = session()
    try:
        item = session.query(Item).get(item_id)
        item.name = name
        session.commit()
    finally:
        session.close()  # done


def get_db():
    db = Session()
    try:
        yield db
    finally:
        db.close()
