import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecretWatch } from '../../src/app';
import { LocalHuntingSource } from '../../src/hunting/local-source';
import type { HuntingSource } from '../../src/hunting/source';
import { messageActivity, post } from '../support/teams-activity';
import { cardOf, tempDatabase, textOf, useAppAndConnector } from './support';

const DIEGO = 'e9a1c3b5-7d2f-4f6a-8b0c-2d4e6f8a0b1c';
const SAMPLE_DIRECTORY = join(__dirname, '../../data/sample/directory.json');

/** `by <UPN>` and `by "<display name>"` in local mode: resolved from the bundled directory file before anything is searched. */
describe('secrets … by a name or UPN, over HTTP', () => {
  const e2e = useAppAndConnector();
  let app: SecretWatch | undefined;
  let runs = 0;

  /** The bundled sample, counting the hunting queries that reach it. */
  function countingSource(): HuntingSource {
    const local = new LocalHuntingSource({ file: join(__dirname, '../../data/sample/hunting.json'), rebase: true, now: new Date() });
    return { kind: 'local', run: (request) => ((runs += 1), local.run(request)) };
  }

  async function start(env: Record<string, string> = {}): Promise<void> {
    runs = 0;
    app = await e2e.start({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '0', ...env }, { source: countingSource() });
  }

  async function ask(text: string): Promise<string[]> {
    if (app === undefined) throw new Error('no app');
    const connector = e2e.connector();
    connector.calls.length = 0;
    await post(app.url, messageActivity(text, { serviceUrl: connector.url }));
    await app.idle();
    return connector.messages().map((m) => (m.activity.attachments ? textOf(cardOf(m)) : (m.activity.text ?? '')));
  }

  /** The extraction ids on the cards of a reply, in order. */
  const ids = (replies: string[]): string[] => replies.flatMap((t) => /\| Id (\S+)$/.exec(t)?.[1] ?? []);

  test.each(['secrets last 30d by "Diego Siciliani"', 'secrets last 30d by \u201cdiego siciliani\u201d', 'secrets last 30d by diego.siciliani@contoso.com', 'Secrets Last 30d By Diego.Siciliani@Contoso.com'])(
    '%s: only Diego’s extractions, and the summary names him',
    async (text) => {
      await start();
      const byId = ids(await ask(`secrets last 30d by ${DIEGO}`));
      expect(byId.length).toBeGreaterThan(0);
      const replies = await ask(text);
      expect(replies[0]).toMatch(/^Running the hunting query/);
      expect(replies[1]).toContain('Filtered: by Diego Siciliani (diego.siciliani@contoso.com).');
      expect(replies[1]).not.toContain(DIEGO);
      const cards = replies.filter((t) => t.includes('Who'));
      for (const c of cards) expect(c).toContain(`Diego Siciliani (diego.siciliani@contoso.com)`);
      expect(ids(replies)).toEqual(byId);
    },
  );

  test('a service principal by name; its own application is named on its cards', async () => {
    await start();
    const replies = await ask('secrets last 30d by "sp-contoso-apim-config-backup" top 25');
    expect(replies[1]).toContain('Filtered: by sp-contoso-apim-config-backup (app a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e).');
    const cards = replies.filter((t) => t.includes('Who'));
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(c).toContain('sp-contoso-apim-config-backup (app a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e)');
  });

  test('an unknown name or UPN gets the error card at once, and nothing is searched', async () => {
    await start();
    const byName = await ask('secrets last 30d by "Diego Sicilian"');
    expect(byName).toHaveLength(1);
    expect(byName[0]).toMatch(/No user or service principal is named "Diego Sicilian" in the directory/);
    expect(byName[0]).toMatch(/Error PRINCIPAL_NOT_FOUND/);
    const byUpn = await ask('secrets last 30d by nobody@contoso.com');
    expect(byUpn[0]).toMatch(/PRINCIPAL_NOT_FOUND/);
    const kql = await ask('secrets kql last 30d by "Diego Sicilian"');
    expect(kql[0]).toMatch(/No query to show.*PRINCIPAL_NOT_FOUND/);
    expect(runs).toBe(0);
  });

  test('an ambiguous name lists each namesake as a `by <object id>` to copy, and nothing is searched', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sw-dir-')), 'directory.json');
    const directory = JSON.parse(readFileSync(SAMPLE_DIRECTORY, 'utf8')) as { value: unknown[] };
    directory.value.push({ '@odata.type': '#microsoft.graph.user', id: 'f1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b', displayName: 'Diego Siciliani', userPrincipalName: 'diego.siciliani@fabrikam.com' });
    writeFileSync(file, JSON.stringify(directory));
    await start({ LOCAL_DIRECTORY_FILE: file });
    const replies = await ask('secrets last 30d by "Diego Siciliani"');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/2 principals are named "Diego Siciliani"/);
    expect(replies[0]).toContain(`by ${DIEGO} for Diego Siciliani (diego.siciliani@contoso.com)`);
    expect(replies[0]).toContain('by f1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b for Diego Siciliani (diego.siciliani@fabrikam.com)');
    expect(replies[0]).toMatch(/Error PRINCIPAL_AMBIGUOUS/);
    expect(runs).toBe(0);
    // The UPN is unambiguous.
    const byUpn = await ask('secrets last 30d by diego.siciliani@contoso.com');
    expect(byUpn[1]).toContain('Filtered: by Diego Siciliani (diego.siciliani@contoso.com).');
  });

  test('a bad name is refused by the grammar with the help card', async () => {
    await start();
    const replies = await ask('secrets last 30d by "Diego Siciliani');
    expect(replies[0]).toMatch(/no closing quote/);
    expect(runs).toBe(0);
  });
});
