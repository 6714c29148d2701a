import type { Principal } from '../../src/directory/principal';
import { describeClientApplication } from '../../src/hunting/clients';
import { decodeExtraction, encodeExtraction } from '../../src/hunting/extraction-codec';
import type { Extraction } from '../../src/hunting/extraction';
import { withNames } from '../../src/usecases/name-principals';
import { fixedDirectory } from '../fakes/fixed-directory';

const SP: Principal = { kind: 'servicePrincipal', id: '0d2f4a6c-8e1b-43d5-a7f9-1c3e5a7b9d2f', displayName: 'sp-contoso-apim-config-backup', appId: 'a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e' };
const ALEX: Principal = { kind: 'user', id: '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b', displayName: 'Alex Wilber' };
const OTHER_APP = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';
const UNKNOWN_APP = 'e0e0e0e0-0000-4000-8000-000000000000';
const at = new Date('2026-12-01T00:00:00Z');
const extraction = (id: string, principalId: string, appId: string | undefined): Extraction => ({ id, time: at, operation: 'op', principalId, application: describeClientApplication(appId), outcome: 'succeeded' });

describe('withNames: applications', () => {
  const rows = [
    extraction('sp-own', SP.id, SP.appId === undefined ? undefined : SP.appId.toUpperCase()),
    extraction('cli', ALEX.id, '04b07795-8ddb-461a-bbee-02f9e1bf7b46'),
    extraction('other', ALEX.id, OTHER_APP),
    extraction('unknown', ALEX.id, UNKNOWN_APP),
    extraction('none', ALEX.id, undefined),
  ];

  test('first-party list first, then a resolved service principal with that appId, then the directory for the rest', async () => {
    const directory = fixedDirectory([SP, ALEX], { [OTHER_APP]: 'Contoso Deploy Pipeline' });
    const { extractions, namesFailed } = await withNames(directory, rows);
    const app = (id: string): unknown => extractions.find((e) => e.id === id)?.application;
    expect(app('sp-own')).toEqual({ id: 'A3C5E7F9-1B2D-4F6A-8C0E-2B4D6F8A0C1E', name: 'sp-contoso-apim-config-backup', label: 'sp-contoso-apim-config-backup (app A3C5E7F9-1B2D-4F6A-8C0E-2B4D6F8A0C1E)', firstParty: false });
    expect(app('cli')).toEqual({ id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', label: 'Azure CLI', firstParty: true });
    expect(app('other')).toMatchObject({ name: 'Contoso Deploy Pipeline', label: `Contoso Deploy Pipeline (app ${OTHER_APP})` });
    expect(app('unknown')).toEqual({ id: UNKNOWN_APP, label: `application ${UNKNOWN_APP}`, firstParty: false });
    expect(app('none')).toEqual({ label: 'unknown application', firstParty: false });
    expect(namesFailed).toBe(false);
    // Only the ids nobody could name went to the directory, once.
    expect(directory.calls).toEqual(['resolve 5', `applicationNames ${[OTHER_APP, UNKNOWN_APP].sort().join(',')}`]);
  });

  test('no lookup when every app is named already', async () => {
    const directory = fixedDirectory([SP, ALEX]);
    await withNames(directory, rows.slice(0, 2));
    expect(directory.calls).toEqual(['resolve 2']);
  });

  test('a failed lookup keeps the ids and says so, never throws', async () => {
    const { extractions, namesFailed } = await withNames(fixedDirectory([], {}, true), rows);
    expect(namesFailed).toBe(true);
    expect(extractions.find((e) => e.id === 'other')?.application.label).toBe(`application ${OTHER_APP}`);
  });

  test('stored extractions from before application names still decode; new ones keep the name', () => {
    const old = JSON.stringify({ ...rows[2], time: at.toISOString(), application: { id: OTHER_APP, label: `application ${OTHER_APP}`, firstParty: false } });
    expect(decodeExtraction(old).application).toEqual({ id: OTHER_APP, label: `application ${OTHER_APP}`, firstParty: false });
    const named = { ...rows[2], application: { ...describeClientApplication(OTHER_APP), name: 'X', label: `X (app ${OTHER_APP})` } } as Extraction;
    expect(decodeExtraction(encodeExtraction(named)).application.name).toBe('X');
  });
});
