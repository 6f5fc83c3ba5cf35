// The fixtures' Express apps park a pg client on the request.
import type { PoolClient } from 'pg';
import type { ClientSession } from 'mongodb';

declare global {
  namespace Express {
    interface Request {
      db?: PoolClient;
      mongoSession?: ClientSession;
    }
  }
}
