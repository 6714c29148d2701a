import type { Logger } from '../log';
import type { EscalationEvent } from './escalation-event';

export interface WebhookOptions {
  readonly url: string;
  /** Attempts in all (first try included). */
  readonly attempts: number;
  /** Delay before the second attempt; doubles each time. */
  readonly backoffMs: number;
  readonly timeoutMs: number;
}

/**
 * POSTs an escalation to a SOAR webhook, retrying 5xx, 429 and network failures with exponential
 * backoff. Runs in the background: a failing webhook never fails the click, it is logged.
 */
export async function postEscalation(event: EscalationEvent, options: WebhookOptions, log: Logger): Promise<boolean> {
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      const res = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'SecretWatch' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (res.ok) return true;
      if (res.status < 500 && res.status !== 429) {
        log.warn('escalation webhook refused the event', { status: res.status, extractionId: event.extraction.id });
        return false;
      }
      log.warn('escalation webhook failed, will retry', { status: res.status, attempt });
    } catch (e) {
      log.warn('escalation webhook unreachable, will retry', { attempt, error: e });
    }
    if (attempt < options.attempts) await new Promise((r) => setTimeout(r, options.backoffMs * 2 ** (attempt - 1)));
  }
  log.error('escalation webhook gave up', { extractionId: event.extraction.id, attempts: options.attempts });
  return false;
}
