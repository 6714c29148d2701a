import { createLogger, withLogContext } from '../src/log';

describe('structured logs', () => {
  const capture = (): { lines: Array<Record<string, unknown>>; write: (l: string) => void } => {
    const lines: Array<Record<string, unknown>> = [];
    return { lines, write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) };
  };

  test('one JSON object per line with time, level, message and fields; below the level nothing', () => {
    const c = capture();
    const log = createLogger('info', c.write);
    log.debug('hidden');
    log.info('shown', { n: 1 });
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]).toMatchObject({ level: 'info', msg: 'shown', n: 1 });
    expect(Date.parse(String(c.lines[0]?.['time']))).not.toBeNaN();
  });

  test('correlation fields follow the work across awaits and timers, nested contexts add to them', async () => {
    const c = capture();
    const log = createLogger('debug', c.write).child({ component: 'bot' });
    await withLogContext({ requestId: 'r-1' }, async () => {
      log.info('in the turn');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await withLogContext({ job: 'secrets' }, async () => {
        await Promise.resolve();
        log.info('in the job');
      });
    });
    log.info('outside');
    expect(c.lines.map((l) => [l['msg'], l['requestId'], l['job'], l['component']])).toEqual([
      ['in the turn', 'r-1', undefined, 'bot'],
      ['in the job', 'r-1', 'secrets', 'bot'],
      ['outside', undefined, undefined, 'bot'],
    ]);
  });

  test('errors are logged as name, message and code: no stack, no cause object with headers', () => {
    const c = capture();
    const cause = Object.assign(new Error('401'), { headers: { authorization: 'Bearer eyJ.secret.token' } });
    createLogger('info', c.write).error('failed', { error: Object.assign(new Error('Graph refused', { cause }), { code: 'HUNTING_UNAUTHORIZED' }) });
    const line = JSON.stringify(c.lines[0]);
    expect(c.lines[0]?.['error']).toEqual({ name: 'Error', message: 'Graph refused', code: 'HUNTING_UNAUTHORIZED', cause: 'Error: 401' });
    expect(line).not.toMatch(/Bearer|eyJ|stack/);
  });
});
