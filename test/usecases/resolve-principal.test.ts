import type { Principal } from '../../src/directory/principal';
import { ErrorCode } from '../../src/errors';
import { describeFilters } from '../../src/usecases/describe-filters';
import { noDirectoryError, resolutionCardData, resolutionError, resolvePrincipal } from '../../src/usecases/resolve-principal';
import { fixedDirectory } from '../fakes/fixed-directory';

const ADELE: Principal = { kind: 'user', id: '2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f', displayName: 'Adele Vance', userPrincipalName: 'adele.vance@contoso.com' };
const BACKUP: Principal = { kind: 'servicePrincipal', id: '0d2f4a6c-8e1b-43d5-a7f9-1c3e5a7b9d2f', displayName: 'sp-backup', appId: 'a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e' };
const namesakes = (n: number): Principal[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'user', id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: 'Sam Lee', userPrincipalName: `sam.lee${i}@contoso.com` }));

describe('resolvePrincipal', () => {
  test('one match is resolved, none is not-found, a failed lookup is lookup-failed', async () => {
    expect(await resolvePrincipal(fixedDirectory([ADELE]), { kind: 'name', name: 'adele vance' })).toEqual({ kind: 'resolved', id: ADELE.id, principal: ADELE });
    expect(await resolvePrincipal(fixedDirectory([ADELE]), { kind: 'upn', upn: 'ADELE.VANCE@contoso.com' })).toMatchObject({ kind: 'resolved', id: ADELE.id });
    expect(await resolvePrincipal(fixedDirectory([ADELE]), { kind: 'name', name: 'Nobody' })).toEqual({ kind: 'not-found' });
    expect(await resolvePrincipal(fixedDirectory([ADELE], {}, true), { kind: 'name', name: 'Adele Vance' })).toEqual({ kind: 'lookup-failed' });
  });

  test('namesakes are ambiguous: at most 10 candidates, and how many there are', async () => {
    const r = await resolvePrincipal(fixedDirectory(namesakes(12)), { kind: 'name', name: 'Sam Lee' });
    expect(r).toMatchObject({ kind: 'ambiguous', total: 12 });
    if (r.kind === 'ambiguous') expect(r.candidates).toHaveLength(10);
  });
});

describe('resolution errors: stable codes and a hint that says what to do', () => {
  test('not found', () => {
    const e = resolutionError({ kind: 'name', name: 'Adele Vanse' }, { kind: 'not-found' });
    expect(e.code).toBe(ErrorCode.PrincipalNotFound);
    expect(e.code).toBe('PRINCIPAL_NOT_FOUND');
    expect(e.message).toBe('No user or service principal is named "Adele Vanse" in the directory.');
    expect(e.hint).toMatch(/by <object id>/);
    expect(resolutionError({ kind: 'upn', upn: 'a@contoso.com' }, { kind: 'not-found' }).message).toMatch(/user principal name a@contoso\.com/);
  });

  test('ambiguous: each candidate as a copyable `by <object id>` with name and UPN or app id', () => {
    const e = resolutionError({ kind: 'name', name: 'Sam Lee' }, { kind: 'ambiguous', candidates: [...namesakes(2), BACKUP], total: 3 });
    expect(e.code).toBe('PRINCIPAL_AMBIGUOUS');
    expect(e.message).toMatch(/^3 principals are named "Sam Lee"/);
    expect(e.hint).toBe(
      'Ask again with one of these: by 00000000-0000-4000-8000-000000000000 for Sam Lee (sam.lee0@contoso.com); ' +
        'by 00000000-0000-4000-8000-000000000001 for Sam Lee (sam.lee1@contoso.com); ' +
        'by 0d2f4a6c-8e1b-43d5-a7f9-1c3e5a7b9d2f for sp-backup (app a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e).',
    );
  });

  test('ambiguous beyond ten: all ten shown on the card (not cut at the usual hint length), and how many more', () => {
    const candidates = namesakes(10);
    const e = resolutionError({ kind: 'name', name: 'Sam Lee' }, { kind: 'ambiguous', candidates, total: 14 });
    expect(e.hint).toMatch(/… and 4 more \(use by <user principal name> to pick one of those\)\.$/);
    const card = resolutionCardData(e, new Date('2026-12-03T10:00:00Z'), 'Nothing was searched');
    for (const c of candidates) expect(card.hint).toContain(`by ${c.id} for Sam Lee (${c.kind === 'user' ? c.userPrincipalName : ''})`);
    expect(card.hint.endsWith('…')).toBe(false);
    expect(card.code).toBe('PRINCIPAL_AMBIGUOUS');
  });

  test('lookup failed and no directory: DIRECTORY_UNAVAILABLE, use the object id', () => {
    const failed = resolutionError({ kind: 'upn', upn: 'adele.vance@contoso.com' }, { kind: 'lookup-failed' });
    expect(failed.code).toBe('DIRECTORY_UNAVAILABLE');
    expect(failed.hint).toMatch(/^Use by <object id> for now\..*User\.Read\.All and Application\.Read\.All/);
    const none = noDirectoryError({ kind: 'name', name: 'Adele Vance' });
    expect(none.code).toBe('DIRECTORY_UNAVAILABLE');
    expect(none.message).toMatch(/names cannot be resolved/);
    expect(none.hint).toBe('Use by <object id> instead.');
  });
});

describe('describeFilters', () => {
  test('a principal asked for by name is named; by id it stays an id', () => {
    expect(describeFilters({ principalId: ADELE.id, principalLabel: 'Adele Vance (adele.vance@contoso.com)', outcome: 'failed' })).toBe(
      'Filtered: by Adele Vance (adele.vance@contoso.com), failed attempts only.',
    );
    expect(describeFilters({ principalId: ADELE.id })).toBe(`Filtered: by ${ADELE.id}.`);
  });
});
