# Functions that run in worker threads and a task queue use the module's scoped session and never remove
# it: each body goes into try/finally, and the finally removes the session (the docstring stays first).
# A worker that returns an ORM object is reported: remove() would detach what the caller gets.
# expect: reported worker-remove-missing
# expect: fixed fixed-worker-remove
# expect: fixed fixed-worker-remove
# expect: fixed fixed-worker-remove
from concurrent.futures import ThreadPoolExecutor
from threading import Thread

from celery import Celery
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

celery = Celery("jobs")
Session = scoped_session(sessionmaker(bind=create_engine("postgresql://jobs@db/jobs")))


def refresh(item_id):
    """Re-reads one item."""
    item = Session.get(Item, item_id)
    item.refreshed = True
    Session.commit()


def sweep():
    for item in Session.query(Item).filter_by(stale=True):
        Session.delete(item)
    Session.commit()


@celery.task
def archive(item_id):
    Session.execute(ARCHIVE, {"id": item_id})
    Session.commit()


def main(ids):
    with ThreadPoolExecutor(4) as pool:
        for i in ids:
            pool.submit(refresh, i)
    Thread(target=sweep).start()


def load(item_id):
    return Session.get(Item, item_id)


def prefetch(ids):
    with ThreadPoolExecutor(2) as pool:
        return [f.result() for f in [pool.submit(load, i) for i in ids]]
