// Case 4 through a return type: the class is not exported by name, but the entry point exports a function
// that hands one out.
// expect: reported public-api
import type { PoolClient } from 'pg';

class Sessions {
  private client: PoolClient | null = null;

  count(): number {
    return 0;
  }

  close(): void {
    this.client?.release();
    this.client = null;
  }
}

export function openSessions(): Sessions {
  return new Sessions();
}
