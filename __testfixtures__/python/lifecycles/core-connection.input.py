# A Core connection from engine.connect() becomes `with engine.connect() as conn:`; rows fetched inside are
# plain data and may be returned from inside the block.
# expect: fixed fixed-with
import sqlalchemy as sa

engine = sa.create_engine("postgresql://reports@warehouse/metrics", pool_pre_ping=True)


def daily_totals(day):
    conn = engine.connect()
    result = conn.execute(sa.text("SELECT sku, sum(qty) FROM sales WHERE day = :d GROUP BY sku"), {"d": day})
    if result.rowcount == 0:
        return []
    totals = result.fetchall()
    conn.close()
    return totals
