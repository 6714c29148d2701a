import { AdaptiveCard, SerializationContext } from 'adaptivecards';

/** One problem the official Adaptive Cards library reported about a card. */
export interface CardEvent {
  readonly phase: 'parse' | 'validation';
  readonly message: string;
}

export interface CardCheck {
  /** The card's version as the library understood it ("1.5"), if any. */
  readonly version: string | undefined;
  /** Parse events followed by validation events; a good card has none. */
  readonly events: readonly CardEvent[];
}

/**
 * Parses a card JSON with the official `adaptivecards` library (loaded from its dist bundle, see
 * jest.config.js) and runs its property validation. No DOM is needed for either.
 */
export function checkCard(json: unknown): CardCheck {
  const card = new AdaptiveCard();
  const context = new SerializationContext();
  card.parse(json, context);
  const events: CardEvent[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push({ phase: 'parse', message: context.getEventAt(i).message });
  for (const e of card.validateProperties().validationEvents) events.push({ phase: 'validation', message: e.message });
  return { version: card.version?.toString(), events };
}

export interface CardTexts {
  /** `text` of every TextBlock: rendered as markdown by Adaptive Cards hosts. */
  readonly textBlocks: string[];
  /** `text` of every TextRun (and bare string inlines of a RichTextBlock): never markdown. */
  readonly textRuns: string[];
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Walks a card JSON and collects the texts of all TextBlocks and TextRuns, in document order. */
export function cardTexts(card: Json): CardTexts {
  const textBlocks: string[] = [];
  const textRuns: string[] = [];
  const walk = (node: Json): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isObject(node)) return;
    const text = node['text'];
    if (node['type'] === 'TextBlock' && typeof text === 'string') textBlocks.push(text);
    if (node['type'] === 'TextRun' && typeof text === 'string') textRuns.push(text);
    if (node['type'] === 'RichTextBlock' && Array.isArray(node['inlines'])) {
      for (const inline of node['inlines']) if (typeof inline === 'string') textRuns.push(inline);
    }
    Object.values(node).forEach(walk);
  };
  walk(card);
  return { textBlocks, textRuns };
}

/** Where a string value sits: the `type` of the object holding it (or "(none)") and the property name. */
export interface StringPlace {
  readonly ownerType: string;
  readonly key: string;
  readonly value: string;
}

/** Every string value in the card that contains `needle`, with the element type and property holding it. */
export function stringsContaining(card: Json, needle: string): StringPlace[] {
  const found: StringPlace[] = [];
  const walk = (node: Json, ownerType: string, key: string): void => {
    if (typeof node === 'string') {
      if (node.includes(needle)) found.push({ ownerType, key, value: node });
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, ownerType, key);
    } else if (isObject(node)) {
      const type = typeof node['type'] === 'string' ? node['type'] : '(none)';
      for (const [k, v] of Object.entries(node)) walk(v, type, k);
    }
  };
  walk(card, '(none)', '');
  return found;
}

/** The Action.* objects of a card's `actions` (top level), as plain JSON. */
export function cardActions(card: Json): Record<string, Json>[] {
  if (!isObject(card)) return [];
  const actions = card['actions'];
  return Array.isArray(actions) ? actions.filter(isObject) : [];
}
