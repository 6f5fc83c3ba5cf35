// The project's own data layer: leakproof knows these only from leakproof.config.json.
export interface Conn {
  query(sql: string): Promise<unknown[]>;
  /** Gives the connection back; must be awaited. */
  free(): Promise<void>;
}

export async function getConn(): Promise<Conn> {
  return {
    query: async () => [],
    free: async () => undefined,
  };
}

export interface Lease {
  run(sql: string): number;
  checkin(): void;
}

export const pool = {
  checkout(): Lease {
    return { run: () => 0, checkin: () => undefined };
  },
};
