import { randomUUID } from 'node:crypto';
import { resolveWindow, type Window } from '../commands/window';
import { decisionsCsv } from '../decisions/csv';
import type { DecisionStore } from '../decisions/store';

export interface ExportFile {
  readonly id: string;
  readonly name: string;
  readonly csv: string;
  readonly rows: number;
  /** Only the person who asked may accept the upload. */
  readonly requestedBy: string;
  readonly expires: number;
}

const TTL_MS = 10 * 60 * 1000;
const MAX_PENDING = 100;

/**
 * Decision exports waiting for the asker's consent (Teams sends bot files only after the user
 * accepts in a personal chat). Kept server-side: the consent card carries only an opaque id.
 */
export class PendingExports {
  private readonly files = new Map<string, ExportFile>();

  constructor(private readonly now: () => Date) {}

  async create(store: DecisionStore, window: Window, requestedBy: string): Promise<ExportFile> {
    const now = this.now();
    const rows = await store.decisionsSince(resolveWindow(window, now).start);
    const file: ExportFile = {
      id: randomUUID(),
      name: `secretwatch-decisions-${now.toISOString().slice(0, 10)}.csv`,
      csv: decisionsCsv(rows),
      rows: rows.length,
      requestedBy,
      expires: now.getTime() + TTL_MS,
    };
    this.files.set(file.id, file);
    for (const [id, f] of this.files) if (f.expires < now.getTime() || this.files.size > MAX_PENDING) this.files.delete(id);
    return file;
  }

  /** The file, once, if it exists, has not expired and `who` asked for it. */
  take(id: string, who: string): ExportFile | undefined {
    const f = this.files.get(id);
    if (f === undefined || f.expires < this.now().getTime() || f.requestedBy !== who) return undefined;
    this.files.delete(id);
    return f;
  }
}
