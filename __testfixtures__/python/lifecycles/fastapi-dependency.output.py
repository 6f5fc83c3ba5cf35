# A FastAPI dependency that yields a session and never closes it: `with SessionLocal() as db: yield db`
# closes it when FastAPI finishes the generator, also after the endpoint raised.
# expect: fixed fixed-never-closed
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite:///./app.db", connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(autocommit=False, autoflush=False, bind=engine)

app = FastAPI()


def get_db():
    with SessionLocal() as db:
        yield db


@app.get("/items/{item_id}")
def read_item(item_id: int, db: Session = Depends(get_db)):
    return db.get(Item, item_id)
