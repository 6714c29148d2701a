import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { CardDataByName, CardName } from './view-models';

/** An expanded Adaptive Card, ready to be an attachment. */
export type AdaptiveCardJson = Readonly<Record<string, unknown>>;

const CARDS_DIR = join(__dirname, '../../cards');
const templates = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let t = templates.get(name);
  if (t === undefined) {
    t = new ACData.Template(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')));
    templates.set(name, t);
  }
  return t;
}

/**
 * Expands cards/<name>.json with typed data. A `${` left in the output means a template names a
 * field the view model lacks: a bug, so it fails loudly here rather than showing `${x}` to users.
 * (Data text cannot contain `${`: dataText() breaks it up.)
 */
export function renderCard<N extends CardName>(name: N, data: CardDataByName[N]): AdaptiveCardJson {
  const expanded = template(name).expand({ $root: data }) as Record<string, unknown>;
  // Optional top-level parts (refresh) are null in the view model when absent: dropped, not sent as null.
  const card = Object.fromEntries(Object.entries(expanded).filter(([, v]) => v !== null)) as AdaptiveCardJson;
  const json = JSON.stringify(card);
  if (json.includes('${')) throw new Error(`card template ${name} left an unexpanded expression: ${/\$\{[^}]*\}/.exec(json)?.[0] ?? ''}`);
  return card;
}

/** Size of a card as Teams counts message payloads (JSON text, UTF-8 bytes). */
export function cardBytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
