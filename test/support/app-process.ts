import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface RunningApp {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly output: () => string;
}

/**
 * The real entry point (`npm start` runs the same command) as child processes, started with only the
 * given environment (plus PATH). Tracks every child so `killAll()` in afterEach leaves none running,
 * even when a test fails (a leftover child would keep jest from exiting).
 */
export class AppProcesses {
  private readonly children = new Set<ChildProcessWithoutNullStreams>();

  private spawn(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; output: () => string } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env } });
    this.children.add(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    return { child, output: () => out };
  }

  /** Starts the app and resolves once it logs the URL it listens on. */
  start(env: Record<string, string>): Promise<RunningApp> {
    const { child, output } = this.spawn(env);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 20 s:\n${output()}`)), 20_000);
      const onExit = (code: number | null): void => {
        clearTimeout(timer);
        reject(new Error(`exited with ${String(code)}:\n${output()}`));
      };
      const check = (): void => {
        const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/api\/messages"/.exec(output());
        if (m?.[1] !== undefined) {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.off('exit', onExit);
          resolve({ child, url: m[1], output });
        }
      };
      child.stdout.on('data', check);
      child.on('exit', onExit);
    });
  }

  /** Runs the app until it exits by itself (a refused configuration). */
  exitOf(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const { child, output } = this.spawn(env);
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output: output() })));
  }

  /** SIGTERM, as a platform stops the app; resolves with the exit code. */
  stop(app: RunningApp): Promise<number | null> {
    return new Promise((resolve) => {
      app.child.once('exit', (code) => resolve(code));
      app.child.kill('SIGTERM');
    });
  }

  async killAll(): Promise<void> {
    const exits = [...this.children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    );
    this.children.clear();
    await Promise.all(exits);
  }
}

export async function waitFor(condition: () => boolean, what = 'a condition', ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
