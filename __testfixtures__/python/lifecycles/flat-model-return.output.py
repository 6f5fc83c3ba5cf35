# A helper returns query results from a session it never closes. The model has plain columns only and
# nothing expires the loaded objects, so they read the same once the session is closed: the with block
# runs to the end of the function.
# expect: fixed fixed-never-closed
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

Base = declarative_base()
engine = create_engine("sqlite:///users.db")
Session = sessionmaker(bind=engine)


class Member(Base):
    __tablename__ = "members"
    id = Column(Integer, primary_key=True)
    handle = Column(String)


def all_members():
    with Session() as session:
        members = session.query(Member).order_by(Member.handle).all()
        return members
