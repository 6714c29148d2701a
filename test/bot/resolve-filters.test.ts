import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { resolveFilters } from '../../src/bot/handlers/secrets';
import type { Principal } from '../../src/directory/principal';
import { AppError } from '../../src/errors';
import { silentLogger } from '../../src/log';
import { fixedDirectory } from '../fakes/fixed-directory';

const DIEGO: Principal = { kind: 'user', id: 'e9a1c3b5-7d2f-4f6a-8b0c-2d4e6f8a0b1c', displayName: 'Diego Siciliani', userPrincipalName: 'diego.siciliani@contoso.com' };
const ALEX_ID = '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b';

function turn(from: Record<string, unknown> = { id: '29:alex', aadObjectId: ALEX_ID }): TurnContext {
  const activity = { type: 'message', channelId: 'msteams', from, recipient: { id: '28:bot' }, conversation: { id: 'c1' }, text: 'secrets' } as unknown as Activity;
  return new TurnContext(new TestAdapter(), activity);
}

describe('resolveFilters at the bot edge', () => {
  test('a name becomes the object id the query filters on, with a label for the summary', async () => {
    const r = await resolveFilters(turn(), { directory: fixedDirectory([DIEGO]), log: silentLogger }, { principal: { kind: 'name', name: 'Diego Siciliani' }, outcome: 'failed' });
    expect(r).toEqual({ principalId: DIEGO.id, principalLabel: 'Diego Siciliani (diego.siciliani@contoso.com)', outcome: 'failed' });
  });

  test('an object id and "mine" need no directory', async () => {
    const directory = fixedDirectory([DIEGO]);
    expect(await resolveFilters(turn(), { directory, log: silentLogger }, { principal: { kind: 'id', id: DIEGO.id } })).toEqual({ principalId: DIEGO.id });
    expect(await resolveFilters(turn(), { log: silentLogger }, { principal: { kind: 'mine' } })).toEqual({ principalId: ALEX_ID });
    expect(directory.calls).toEqual([]);
  });

  test.each([
    ['not found', { kind: 'upn', upn: 'nobody@contoso.com' }, [DIEGO], 'PRINCIPAL_NOT_FOUND'],
    ['ambiguous', { kind: 'name', name: 'diego siciliani' }, [DIEGO, { ...DIEGO, id: '00000000-0000-4000-8000-000000000001' }], 'PRINCIPAL_AMBIGUOUS'],
  ] as const)('%s → an AppError with its code', async (_what, principal, known, code) => {
    const r = await resolveFilters(turn(), { directory: fixedDirectory(known), log: silentLogger }, { principal });
    expect(r).toBeInstanceOf(AppError);
    expect((r as AppError).code).toBe(code);
  });

  test('without a directory a name cannot be resolved: DIRECTORY_UNAVAILABLE, use the object id', async () => {
    const r = await resolveFilters(turn(), { log: silentLogger }, { principal: { kind: 'name', name: 'Diego Siciliani' } });
    expect(r).toBeInstanceOf(AppError);
    expect((r as AppError).code).toBe('DIRECTORY_UNAVAILABLE');
    expect((r as AppError).hint).toBe('Use by <object id> instead.');
  });
});
