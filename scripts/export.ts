/**
 * `npm run export -- --since 30d [--out decisions.csv]`: the decisions recorded in the local
 * database (DATABASE_PATH) since then, as CSV on stdout or into a file.
 */
import { writeFileSync } from 'node:fs';
import { parseCommand } from '../src/commands/grammar';
import { resolveWindow } from '../src/commands/window';
import { loadConfig, readEnvironment } from '../src/config';
import { decisionsCsv } from '../src/decisions/csv';
import { SqliteDecisionStore } from '../src/decisions/sqlite-store';
import { toAppError } from '../src/errors';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const since = arg('--since') ?? '30d';
  const now = new Date();
  // The chat grammar's windows: "30d", "12h", or a date "2024-07-30" (as "since <date>").
  const parsed = parseCommand(/^\d{4}-/.test(since) ? `secrets since ${since}` : `secrets last ${since}`, now);
  if (!parsed.ok || parsed.command.kind !== 'secrets') {
    throw new Error(`--since ${since}: ${parsed.ok ? 'not a window' : parsed.error.message}`);
  }
  const config = loadConfig(readEnvironment());
  const store = new SqliteDecisionStore(config.databasePath);
  try {
    const csv = decisionsCsv(await store.decisionsSince(resolveWindow(parsed.command.window, now).start));
    const out = arg('--out');
    if (out === undefined) process.stdout.write(csv);
    else {
      writeFileSync(out, csv);
      process.stderr.write(`wrote ${csv.split('\r\n').length - 2} decisions to ${out}\n`);
    }
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  // A command-line tool for operators: the real message (config errors name their setting).
  process.stderr.write(`export failed: ${e instanceof Error ? e.message : toAppError(e).message}\n`);
  process.exit(1);
});
