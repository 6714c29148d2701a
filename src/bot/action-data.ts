import { z } from 'zod';
import { DECISION_VERBS, type DecisionVerb } from '../decisions/decision';
import { EXTRACTION_ID_PATTERN } from '../hunting/extraction';

/**
 * The `value` of an `adaptiveCard/action` invoke is client-controlled: parsed here into typed
 * values, and only ids and the verb are taken from it — never status, roles or names.
 */
const InvokeValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(40),
    data: z.unknown().optional(),
  }),
  trigger: z.string().max(20).optional(),
});

/** Extraction ids are ReportIds (GUIDs) or our `h-<hex>` hashes; anything else never came from us. */
const ExtractionIdData = z.object({
  extractionId: z.string().regex(EXTRACTION_ID_PATTERN),
  // The card's comment box (Input.Text id "comment"), merged into the data by Teams: free text, bounded.
  comment: z.string().max(500).optional(),
  // The decision version the card showed: only a precondition (a forged value can only make the click fail).
  seen: z.number().int().min(0).max(1_000_000).optional(),
});
const NextPageData = z.object({
  resultId: z.uuid(),
  page: z.union([z.number(), z.string().regex(/^\d{1,6}$/).transform(Number)]).pipe(z.number().int().min(2).max(100_000)),
});

export type CardAction =
  | { readonly verb: DecisionVerb; readonly extractionId: string; readonly comment: string; readonly seenVersion?: number }
  | { readonly verb: 'nextPage'; readonly resultId: string; readonly page: number }
  | { readonly verb: 'refresh'; readonly extractionId: string };

export type ParsedAction = { readonly ok: true; readonly action: CardAction } | { readonly ok: false; readonly problem: string };

export function parseCardAction(value: unknown): ParsedAction {
  const invoke = InvokeValue.safeParse(value);
  if (!invoke.success) return { ok: false, problem: 'The button sent no Action.Execute data SecretWatch understands.' };
  const { verb, data } = invoke.data.action;
  const decisionVerb = DECISION_VERBS.find((v) => v === verb);
  if (decisionVerb !== undefined) {
    const d = ExtractionIdData.safeParse(data);
    return d.success
      ? { ok: true, action: { verb: decisionVerb, extractionId: d.data.extractionId, comment: d.data.comment?.trim() ?? '', ...(d.data.seen !== undefined && { seenVersion: d.data.seen }) } }
      : { ok: false, problem: 'The button does not name a valid extraction (or its comment is over 500 characters).' };
  }
  if (verb === 'refresh') {
    const d = ExtractionIdData.safeParse(data);
    return d.success ? { ok: true, action: { verb, extractionId: d.data.extractionId } } : { ok: false, problem: 'The card does not name a valid extraction.' };
  }
  if (verb === 'nextPage') {
    const d = NextPageData.safeParse(data);
    return d.success ? { ok: true, action: { verb, resultId: d.data.resultId, page: d.data.page } } : { ok: false, problem: 'The button does not name a valid page of results.' };
  }
  return { ok: false, problem: 'SecretWatch has no button with that action.' };
}
