# A helper hands back how many rows a legacy Query counted, deleted or updated: a number, nothing the
# session holds, so the session closes before the function returns it (the model's relationship does not
# matter). The same chain ending in .first() hands back an ORM object that loads lazily: still reported.
# expect: fixed fixed-never-closed
# expect: fixed fixed-never-closed
# expect: fixed fixed-never-closed
# expect: reported early-exit-value
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

Base = declarative_base()
engine = create_engine("sqlite:///boards.db")
Session = sessionmaker(bind=engine)


class Board(Base):
    __tablename__ = "boards"
    id = Column(Integer, primary_key=True)
    title = Column(String)
    cards = relationship("Card")


class Card(Base):
    __tablename__ = "cards"
    id = Column(Integer, primary_key=True)
    board_id = Column(Integer, ForeignKey("boards.id"))


def count_boards(title):
    with Session() as session:
        return session.query(Board).filter(Board.title == title).count()


def remove_board(title):
    with Session() as session:
        check = session.query(Board).filter(Board.title == title)
        records = check.delete(synchronize_session="fetch")
        session.commit()
        return records


def rename_boards(old, new):
    with Session() as session:
        changed = session.query(Board).filter_by(title=old).update({"title": new})
        session.commit()
        return changed


def first_board(title):
    session = Session()
    board = session.query(Board).filter(Board.title == title).first()
    return board
