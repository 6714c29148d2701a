import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { messageActivity, post } from '../support/teams-activity';
import { cardOf, tempDatabase, textOf } from './support';

const ROOT = join(__dirname, '../..');
/** Every child started, so a failing test cannot leave one running (and jest hanging). */
const children = new Set<ChildProcessWithoutNullStreams>();
afterEach(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  children.clear();
});

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly output: () => string;
}

/** Starts the real entry point (`npm start` runs the same command) with only the given environment. */
function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  children.add(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 20 s:\n${out}`)), 20_000);
    const check = (): void => {
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/api\/messages"/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)}:\n${out}`));
    });
  });
}

function stop(r: Running): Promise<number | null> {
  return new Promise((resolve) => {
    r.child.removeAllListeners('exit');
    r.child.once('exit', (code) => resolve(code));
    r.child.kill('SIGTERM');
  });
}

function exitOf(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env } });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('the real process', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  test('starts with no configuration in local mode, says it serves sample data, answers, and stops cleanly on SIGTERM', async () => {
    const app = await start({ PORT: '0', DATABASE_PATH: tempDatabase(), SEND_INTERVAL_MS: '0' });
    expect(app.output()).toMatch(/"mode":"local"/);
    await waitFor(() => /BUNDLED SAMPLE DATA/.test(app.output()));
    await post(app.url, messageActivity('secrets', { serviceUrl: connector.url }));
    await waitFor(() => connector.messages().length >= 3);
    expect(textOf(cardOf(connector.messages()[1]))).toMatch(/API Management secret extractions/);
    expect(await stop(app)).toBe(0);
  });

  test.each([
    [{ MicrosoftAppId: 'not-a-guid', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppId must be a GUID/],
    [{ NODE_ENV: 'production' }, /MicrosoftAppId is required when NODE_ENV=production/],
    [{ HOST: '0.0.0.0' }, /HOST must be a loopback address in local mode/],
  ])('refuses to start with %j, naming the setting', async (env, message) => {
    const { code, output } = await exitOf({ PORT: '0', DATABASE_PATH: tempDatabase(), ...env });
    expect(code).toBe(2);
    expect(output).toMatch(message);
  });
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
