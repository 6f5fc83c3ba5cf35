# Every early return closes the connection right before it, but an error between (a row that is None, a
# failed query) leaves it open. What those returns hand back was computed after the close in the original,
# so closing later (in the finally) changes nothing for them; a value passed into the connection's own query
# (a parameter dict) is not handed out. Fixed with try/finally (the factory may return None).
# expect: fixed fixed-try-finally
import uuid

from sqlalchemy import create_engine, text

engine = create_engine("postgresql://localhost/app")


def get_db_connection():
    try:
        return engine.connect()
    except Exception:
        return None


def login(email):
    connection = get_db_connection()
    if connection is None:
        return {"error": "unavailable"}, 500
    user = connection.execute(text("SELECT id, token FROM users WHERE email = :email"), {"email": email}).fetchone()
    user_id = user[0]
    if user[1] is None:
        token = str(uuid.uuid4())
        connection.execute(text("UPDATE users SET token = :token WHERE id = :id"), {"token": token, "id": user_id})
        connection.commit()
        connection.close()
        return {"token": token}, 200
    else:
        token = user[1]
        connection.close()
        return {"token": token, "id": user_id}, 200
