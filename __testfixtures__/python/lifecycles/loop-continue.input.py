# A session per loop iteration with a `continue` that skipped close(): the with block closes it on the
# continue too; nothing computed from the session is read after the work.
# expect: fixed fixed-with
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.db import engine
from sync.models import Remote


def sync_all(remote_ids, client):
    synced = 0
    for rid in remote_ids:
        session = Session(engine)
        remote = session.scalars(select(Remote).where(Remote.id == rid)).first()
        if remote is None:
            continue
        client.push(remote.payload)
        session.close()
        synced += 1
    return synced
