import { parseCardAction } from '../../src/bot/action-data';

const exec = (verb: unknown, data: unknown): unknown => ({ action: { type: 'Action.Execute', verb, data }, trigger: 'manual' });
const RESULT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('parseCardAction', () => {
  test.each([
    [exec('approve', { extractionId: 'b0a1c2d3-0000-4000-8000-000000000001' }), { verb: 'approve', extractionId: 'b0a1c2d3-0000-4000-8000-000000000001', comment: '' }],
    [exec('escalate', { extractionId: 'h-0123456789abcdef0123456789abcdef' }), { verb: 'escalate', extractionId: 'h-0123456789abcdef0123456789abcdef', comment: '' }],
    // Extra fields a client adds (or forges) are dropped, never trusted.
    [exec('approve', { extractionId: 'abc', status: 'approved', role: 'analyst' }), { verb: 'approve', extractionId: 'abc', comment: '' }],
    [exec('deny', { extractionId: 'abc', comment: '  not me at all ' }), { verb: 'deny', extractionId: 'abc', comment: 'not me at all' }],
    [exec('change-to-approved', { extractionId: 'abc', comment: 'reviewed' }), { verb: 'change-to-approved', extractionId: 'abc', comment: 'reviewed' }],
    [exec('nextPage', { resultId: RESULT, page: 2 }), { verb: 'nextPage', resultId: RESULT, page: 2 }],
    [exec('nextPage', { resultId: RESULT, page: '3' }), { verb: 'nextPage', resultId: RESULT, page: 3 }],
  ])('accepts %j', (value, action) => {
    expect(parseCardAction(value)).toEqual({ ok: true, action });
  });

  test.each([
    ['no value', undefined],
    ['not an object', 'approve'],
    ['Action.Submit', { action: { type: 'Action.Submit', verb: 'approve', data: { extractionId: 'a' } } }],
    ['unknown verb', exec('delete', { extractionId: 'a' })],
    ['verb not a string', exec(42, { extractionId: 'a' })],
    ['missing extraction id', exec('approve', {})],
    ['extraction id wrong type', exec('approve', { extractionId: 7 })],
    ['extraction id with template syntax', exec('approve', { extractionId: '${x}' })],
    ['extraction id with a quote', exec('approve', { extractionId: "a' or 1=1" })],
    ['extraction id too long', exec('approve', { extractionId: 'a'.repeat(101) })],
    ['comment too long', exec('escalate', { extractionId: 'a', comment: 'x'.repeat(501) })],
    ['comment not a string', exec('escalate', { extractionId: 'a', comment: { evil: true } })],
    ['page 1', exec('nextPage', { resultId: RESULT, page: 1 })],
    ['negative page', exec('nextPage', { resultId: RESULT, page: -2 })],
    ['fractional page', exec('nextPage', { resultId: RESULT, page: 2.5 })],
    ['result id not a uuid', exec('nextPage', { resultId: 'x', page: 2 })],
  ])('refuses %s', (_name, value) => {
    const parsed = parseCardAction(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.length).toBeGreaterThan(10);
  });
});
