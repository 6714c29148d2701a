import { AppProcesses, waitFor } from '../support/app-process';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { messageActivity, post } from '../support/teams-activity';
import { cardOf, tempDatabase, textOf } from './support';

const apps = new AppProcesses();
afterEach(() => apps.killAll());

describe('the real process', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  test('starts with no configuration in local mode, says it serves sample data, answers, and stops cleanly on SIGTERM', async () => {
    const app = await apps.start({ PORT: '0', DATABASE_PATH: tempDatabase(), SEND_INTERVAL_MS: '0' });
    expect(app.output()).toMatch(/"mode":"local"/);
    await waitFor(() => /BUNDLED SAMPLE DATA/.test(app.output()));
    await post(app.url, messageActivity('secrets', { serviceUrl: connector.url }));
    await waitFor(() => connector.messages().length >= 3);
    expect(textOf(cardOf(connector.messages()[1]))).toMatch(/API Management secret extractions/);
    expect(await apps.stop(app)).toBe(0);
  });

  test('azure mode: an unsigned request is refused with 401 and one JSON warning line, no stack trace', async () => {
    const app = await apps.start({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: tempDatabase(),
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '4f1c2b3a-6d5e-4a7b-8c9d-0e1f2a3b4c5d',
      MicrosoftAppPassword: 'not-used-here',
    });
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
    expect(res.status).toBe(401);
    await waitFor(() => /request refused/.test(app.output()));
    const line = app.output().split('\n').find((l) => l.includes('request refused'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 'warn', msg: 'request refused: no Bot Framework token', status: 401, activityType: 'message' });
    expect(app.output()).not.toMatch(/AuthenticationError|\n\s+at /);
  });

  test.each([
    [{ MicrosoftAppId: 'not-a-guid', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppId must be a GUID/],
    [{ NODE_ENV: 'production' }, /MicrosoftAppId is required when NODE_ENV=production/],
    [{ HOST: '0.0.0.0' }, /HOST must be a loopback address in local mode/],
  ])('refuses to start with %j, naming the setting', async (env, message) => {
    const { code, output } = await apps.exitOf({ PORT: '0', DATABASE_PATH: tempDatabase(), ...env });
    expect(code).toBe(2);
    expect(output).toMatch(message);
  });
});
