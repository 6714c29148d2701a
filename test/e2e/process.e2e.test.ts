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
