// A lock whose API looks like a pool's: used to prove names alone do not make a resource.
export class Mutex {
  async acquire(): Promise<() => void> {
    return () => undefined;
  }
  async connect(): Promise<{ release(): void }> {
    return { release: () => undefined };
  }
}
