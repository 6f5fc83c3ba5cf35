// Kept as it is: the queue owns its pool, but close() needs an argument a disposer cannot choose. No
// disposer was asked for (--modernize), so nothing is said (disposable-unsupported/ says why with it).
import { Pool } from 'pg';

export class JobQueue {
  private readonly pool = new Pool();

  async push(job: string): Promise<void> {
    await this.pool.query('INSERT INTO jobs (name) VALUES ($1)', [job]);
  }

  async close(reason: string): Promise<void> {
    console.log(`queue closing: ${reason}`);
    await this.pool.end();
  }
}
