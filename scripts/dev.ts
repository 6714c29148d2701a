/**
 * `npm run dev`: the bot in local mode plus Microsoft 365 Agents Playground (an offline Teams-like
 * client) pointed at it. Ctrl+C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const port = process.env['PORT'] ?? '3978';
const playgroundPort = process.env['PLAYGROUND_PORT'] ?? '56150';
const children: ChildProcess[] = [];

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const relay = (data: Buffer): void => {
    for (const line of data.toString().split('\n').filter((l) => l.trim() !== '')) {
      process.stdout.write(`[${name}] ${line}\n`);
      onLine?.(line);
    }
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  child.on('exit', (code) => {
    process.stdout.write(`[${name}] exited (${String(code)})\n`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

let playgroundStarted = false;
run('bot', process.execPath, ['--import', 'tsx', 'src/index.ts'], { ...process.env, PORT: port }, (line) => {
  if (playgroundStarted || !line.includes('SecretWatch listening')) return;
  playgroundStarted = true;
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'agentsplayground.cmd' : 'agentsplayground');
  run(
    'playground',
    bin,
    ['-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '-p', playgroundPort, '--disable-telemetry'],
    { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    (l) => {
      const m = /Listening on (\d+)/i.exec(l);
      if (m) process.stdout.write(`\nAgents Playground is ready: open http://127.0.0.1:${m[1]} in a browser and type: secrets last 7d\n\n`);
    },
  );
});
