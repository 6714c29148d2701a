import type { Logger } from '../log';

/**
 * Work that continues after the HTTP turn has been answered (hunting can take minutes; Teams
 * wants an answer within seconds). Tracked so tests and shutdown can wait for it.
 */
export class BackgroundJobs {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(name: string, work: () => Promise<void>): void {
    const job = work()
      .catch((e: unknown) => this.log.error('background job failed', { job: name, error: e }))
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  get size(): number {
    return this.running.size;
  }
}
