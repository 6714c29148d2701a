/**
 * `npm run dev`: the bot in local mode plus Microsoft 365 Agents Playground (an offline Teams-like
 * client) pointed at it. Ctrl+C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig, readEnvironment } from '../src/config';
import { toAppError } from '../src/errors';

const root = join(__dirname, '..');
// The bot's own configuration (environment over .env), validated before anything starts.
const env = readEnvironment(root);
let port: number;
try {
  port = loadConfig(env).server.port;
} catch (e) {
  process.stderr.write(`${toAppError(e).message}\n`);
  process.exit(2);
}
const playgroundPort = env['PLAYGROUND_PORT'] ?? '56150';
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
  process.exitCode = code;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  // Exit with the first child's status once the others have had a moment to stop.
  setTimeout(() => process.exit(code), 1500);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

let playgroundStarted = false;
run('bot', process.execPath, ['--import', 'tsx', 'src/index.ts'], process.env, (line) => {
  if (playgroundStarted || !line.includes('SecretWatch listening')) return;
  playgroundStarted = true;
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'agentsplayground.cmd' : 'agentsplayground');
  run(
    'playground',
    bin,
    ['-e', `http://127.0.0.1:${String(port)}/api/messages`, '-c', 'msteams', '-p', playgroundPort, '--disable-telemetry'],
    { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    (l) => {
      const m = /Listening on (\d+)/i.exec(l);
      if (m?.[1] !== undefined && m[1] !== playgroundPort) process.stdout.write(`[dev] port ${playgroundPort} was busy: the Playground took port ${m[1]} instead\n`);
      if (m) process.stdout.write(`\nAgents Playground is ready: open http://127.0.0.1:${m[1]} in a browser and type: secrets last 7d\n\n`);
    },
  );
});
