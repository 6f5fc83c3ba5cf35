"""Runs one subject function (original or rewritten) against PostgreSQL and prints what happened as JSON.

    harness.py <subject dir> <module> <function> single '<json cases>'
    harness.py <subject dir> <module> <function> batch <calls>
    harness.py <subject dir> flask_app - flask <requests>

Each case or batch imports the subject afresh (its own engine and pool). The garbage collector is off, so
a session or connection the code leaves open stays open, as it does in a busy process until the collector
happens to run; the exceptions are kept (as an error reporter keeps them), so a connection referenced only
from a failed call's frame stays open too. After each step the harness reports the pool's checked-out count (SQLAlchemy subjects)
and the connections PostgreSQL sees under the run's application_name; then it ends whatever was left open.
"""
import gc
import importlib.util
import json
import os
import sys
import time
import traceback

import psycopg2

gc.disable()
subject_dir, module_name, function_name, mode = sys.argv[1:5]
sys.path.insert(0, subject_dir)
APP = os.environ["LP_APP"]
TABLE = os.environ["LP_TABLE"]
admin = psycopg2.connect(os.environ["LP_PG_DSN"], application_name="lp-e2e-admin")
admin.autocommit = True
loaded = []


def quick_count():
    with admin.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (APP,))
        return cur.fetchone()[0]


def server_connections():
    """Backends PostgreSQL still has for the run. A closed connection's backend exits a moment after the
    client hung up, so the count is read until it has not dropped for a quarter of a second (2 s at most)."""
    last, steady = None, 0
    for _ in range(40):
        with admin.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (APP,))
            count = cur.fetchone()[0]
        steady = steady + 1 if count == last else 0
        if count == 0 or steady >= 5:
            return count
        last = count
        time.sleep(0.05)
    return last


def end_leftovers():
    with admin.cursor() as cur:
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (APP,))


def rows():
    with admin.cursor() as cur:
        cur.execute(f"SELECT n FROM {TABLE} ORDER BY n")
        return [r[0] for r in cur.fetchall()]


def fresh(name):
    """Imports the subject under a new name: a new engine and pool each time."""
    path = os.path.join(subject_dir, f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"{name}_{len(loaded)}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    loaded.append(mod)
    return mod


def checked_out(mod):
    engine = getattr(mod, "engine", None)
    return engine.pool.checkedout() if engine is not None else None


# Like an error reporter or a log handler, the harness keeps the exceptions it saw, and with them their
# tracebacks' frames: a connection the failing code left open is not freed by reference counting either.
kept_errors = []


def call(fn, n, fail):
    try:
        return {"ok": repr(fn(n, fail))}
    except Exception as e:  # noqa: BLE001 - every outcome is data here
        kept_errors.append(e)
        return {"error": type(e).__name__, "timeout": "QueuePool limit" in str(e)}


def reset():
    end_leftovers()
    with admin.cursor() as cur:
        cur.execute(f"TRUNCATE {TABLE}")


def single(cases):
    out = []
    for case in cases:
        reset()
        mod = fresh(module_name)
        result = call(getattr(mod, function_name), case["n"], case["fail"])
        out.append({**case, **result, "checkedOut": checked_out(mod), "server": server_connections(), "rows": rows()})
    reset()
    return out


def batch(calls):
    reset()
    mod = fresh(module_name)
    fn = getattr(mod, function_name)
    outcomes, peak = [], 0
    for n in range(1, calls + 1):
        outcomes.append({"n": n, "fail": n % 3 == 0, **call(fn, n, n % 3 == 0)})
        # A backend whose client just closed may still be listed: the peak can only be over-counted.
        peak = max(peak, quick_count())
        # An exhausted pool only times out from here on: no need to wait for the rest.
        if sum(1 for o in outcomes[-3:] if o.get("timeout")) == 3:
            break
    result = {"outcomes": outcomes, "checkedOut": checked_out(mod), "server": server_connections(), "peak": peak, "rows": rows()}
    reset()
    return result


def flask(requests):
    reset()
    mod = fresh("flask_app")
    client = mod.app.test_client()
    steps = []
    for n in range(1, requests + 1):
        add = client.get(f"/add/{n}")
        count = client.get("/count")
        steps.append({"n": n, "add": add.status_code, "count": count.status_code, "checkedOut": checked_out(mod), "server": server_connections()})
    result = {"steps": steps, "rows": rows()}
    reset()
    return result


try:
    with admin.cursor() as cur:
        cur.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (n integer)")
    if mode == "single":
        print(json.dumps(single(json.loads(sys.argv[5]))))
    elif mode == "batch":
        print(json.dumps(batch(int(sys.argv[5]))))
    else:
        print(json.dumps(flask(int(sys.argv[5]))))
except Exception:
    traceback.print_exc()
    sys.exit(1)
finally:
    end_leftovers()
    admin.close()
