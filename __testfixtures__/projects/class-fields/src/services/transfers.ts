import { UnitOfWork } from '../tx/unit-of-work';

export class Ledger {
  async post(runner: unknown, from: number, to: number, cents: number): Promise<void> {
    void runner;
    void from;
    void to;
    void cents;
  }
}

export class Transfers {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: Ledger,
  ) {}

  // Commits or rolls back, and never releases the runner.
  async move(from: number, to: number, cents: number): Promise<void> {
    const runner = await this.uow.begin();
    try {
      await this.ledger.post(runner, from, to, cents);
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    }
  }

  // Released in a finally: nothing to say.
  async refund(id: number): Promise<void> {
    const runner = await this.uow.begin();
    try {
      await runner.query('UPDATE transfers SET refunded = true WHERE id = $1', [id]);
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  // The shared manager: nothing acquired.
  async list() {
    return this.uow.manager().query('SELECT * FROM transfers');
  }
}
