import { FROM_STATUS_OF_VERB, type Actor, type DecisionVerb, type ExtractionState, type Role } from './decision';

export type PolicyAnswer =
  | { readonly ok: true; readonly role: Role }
  | { readonly ok: false; readonly reason: 'not-allowed' | 'analyst-only' | 'reason-required' | 'not-now'; readonly message: string };

const ACTOR_VERBS: ReadonlySet<DecisionVerb> = new Set(['confirm', 'deny']);
const ANALYST_VERBS: ReadonlySet<DecisionVerb> = new Set(['approve', 'escalate', 'change-to-approved', 'change-to-escalated']);
const ESCALATING_NEEDS_A_REASON = 'Escalating needs a reason: write it in the comment box, then click again.';
/**
 * The verbs that need a comment, and what the refusal says without one. Overturning a decision
 * needs a reason either way: the audit trail says why an escalation or a "Not me" was set aside.
 */
const REASON_NEEDED: Partial<Record<DecisionVerb, string>> = {
  escalate: ESCALATING_NEEDS_A_REASON,
  'change-to-escalated': ESCALATING_NEEDS_A_REASON,
  deny: '"Not me" needs a few words: write in the comment box what you know (for example where you were), then click again.',
  'change-to-approved': 'Approving after an escalation needs a reason: write it in the comment box, then click again.',
};

/**
 * Who may do what, decided on the server from stored facts (never from card data):
 * - the actor (the extraction's principal) confirms or denies their own pending extraction —
 *   even if they are also an analyst (no one approves their own secret extraction as analyst);
 * - analysts approve, escalate, or change a decision; once escalated only an analyst can approve;
 * - everyone else may do nothing. Escalating asks for a reason.
 */
export function authorise(actor: Actor, state: ExtractionState, verb: DecisionVerb, isAnalyst: boolean, comment: string): PolicyAnswer {
  const isActor = state.extraction.principalId !== undefined && state.extraction.principalId.toLowerCase() === actor.id.toLowerCase();
  if (!isActor && !isAnalyst) {
    return { ok: false, reason: 'not-allowed', message: 'Only the account holder (the admin named on this card) or a SecretWatch analyst can answer.' };
  }
  const role: Role = isActor ? 'actor' : 'analyst';
  if (role === 'actor' && (!ACTOR_VERBS.has(verb) || state.status === 'escalated')) {
    if (state.status === 'escalated') {
      return { ok: false, reason: 'analyst-only', message: 'This extraction was escalated: only a SecretWatch analyst can clear it, and not for their own extraction.' };
    }
    if (state.status === 'approved') {
      return { ok: false, reason: 'not-allowed', message: 'This extraction is approved: only a SecretWatch analyst can change that now, and not for their own extraction. If it should not be approved (your answer was a mistake), ask an analyst to escalate it.' };
    }
    return { ok: false, reason: 'not-allowed', message: 'This is your own extraction: answer with "It was me — authorised" or "Not me". Analysts can still change the decision after you.' };
  }
  if (role === 'analyst' && !ANALYST_VERBS.has(verb)) {
    return { ok: false, reason: 'not-allowed', message: '"It was me" and "Not me" are for the account holder; as an analyst use Approve or Escalate.' };
  }
  if (state.status !== FROM_STATUS_OF_VERB[verb]) {
    return { ok: false, reason: 'not-now', message: `This extraction is ${state.status} now; the card you clicked was out of date.` };
  }
  const reasonNeeded = REASON_NEEDED[verb];
  if (reasonNeeded !== undefined && comment.trim() === '') {
    return { ok: false, reason: 'reason-required', message: reasonNeeded };
  }
  return { ok: true, role };
}
