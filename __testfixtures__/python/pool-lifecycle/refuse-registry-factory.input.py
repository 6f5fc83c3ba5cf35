# A helper makes a new scoped_session registry on every call and hands out its session; an object keeps
# one such session for its lifetime. Both are reported: the registry is made where it should be made once.
# expect: reported scoped-session-per-call
# expect: reported scoped-session-per-call
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("sqlite:///bot.db")
factory = sessionmaker(bind=engine)


def session_factory():
    session = scoped_session(factory)
    return session()


class Worker:
    def __init__(self):
        self.session = session_factory()

    def state(self, chat_id):
        return self.session.execute(STATE, {"id": chat_id}).scalar()
