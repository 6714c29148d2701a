import type { ExtractionState } from '../decisions/decision';

/** What a SOAR tool receives when SecretWatch escalates: facts and the decision, never credentials or tokens. */
export interface EscalationEvent {
  readonly event: 'secretwatch.escalation';
  readonly extraction: {
    readonly id: string;
    readonly time: string;
    readonly operation: string;
    readonly principalId: string | null;
    readonly application: string;
    readonly service: string | null;
    readonly subscriptionId: string | null;
    readonly resourceGroup: string | null;
    readonly outcome: string;
    readonly clientIp: string | null;
  };
  readonly decision: {
    readonly verb: string;
    readonly status: string;
    readonly actorId: string;
    readonly actorName: string;
    readonly role: string | null;
    readonly comment: string | null;
    readonly decidedAt: string;
  };
}

export function escalationEvent(state: ExtractionState): EscalationEvent | undefined {
  const d = state.decision;
  if (d === undefined || state.status !== 'escalated') return undefined;
  const e = state.extraction;
  return {
    event: 'secretwatch.escalation',
    extraction: {
      id: e.id,
      time: e.time.toISOString(),
      operation: e.operation,
      principalId: e.principalId ?? null,
      application: e.application.label,
      service: e.service ?? null,
      subscriptionId: e.subscriptionId ?? null,
      resourceGroup: e.resourceGroup ?? null,
      outcome: e.outcome,
      clientIp: e.clientIp ?? null,
    },
    decision: {
      verb: d.verb,
      status: d.status,
      actorId: d.actor.id,
      actorName: d.actor.name,
      role: d.role ?? null,
      comment: d.comment ?? null,
      decidedAt: d.decidedAt.toISOString(),
    },
  };
}
