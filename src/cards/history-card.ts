import type { DecisionRecord, ExtractionState } from '../decisions/decision';
import { whoText } from './extraction-card';
import { cardTime, dataText, deciderText } from './text';
import type { HistoryCardData } from './view-models';

const VERB_TEXT: Record<DecisionRecord['verb'], string> = {
  approve: 'Approved',
  escalate: 'Escalated',
  confirm: 'Confirmed as authorised',
  deny: 'Denied ("Not me") and escalated',
  'change-to-approved': 'Changed to approved',
  'change-to-escalated': 'Changed to escalated',
};

export function historyCardData(state: ExtractionState, records: readonly DecisionRecord[]): HistoryCardData {
  const e = state.extraction;
  return {
    id: dataText(e.id, 100),
    title: dataText(e.service ?? 'API Management service (name not logged)', 120),
    timeIso: cardTime(e.time),
    principal: dataText(whoText(e)),
    statusText: state.status === 'pending' ? 'Waiting for a decision' : state.status === 'approved' ? 'Approved' : 'Escalated',
    hasEntries: records.length > 0,
    entries: records.map((r) => ({
      atIso: cardTime(r.decidedAt),
      what: VERB_TEXT[r.verb],
      who: dataText(`${deciderText(r.actor.name || r.actor.id, r.role)}${r.comment ? `: "${r.comment}"` : ''}`, 400),
    })),
  };
}
