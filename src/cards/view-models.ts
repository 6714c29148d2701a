/**
 * Typed data for each card template in cards/. Builders in this folder produce them; render.ts
 * expands the templates. Every field a template names is always present (the templating library
 * leaves a missing field as literal `${x}`).
 */

export interface Fact {
  readonly label: string;
  /** Shown in a TextRun: never markdown. Already passed through dataText(). */
  readonly value: string;
}

export interface SampleBanner {
  readonly sample: boolean;
}

export interface SummaryCardData extends SampleBanner {
  readonly windowLabel: string;
  readonly fromIso: string;
  readonly toIso: string;
  /** Counts as text: formatted here, not by the server's locale inside the template engine. */
  readonly extractionsText: string;
  readonly principalsText: string;
  readonly servicesText: string;
  readonly failedText: string;
  /** "extraction"/"extractions" etc.: the labels under the numbers, singular for 1. */
  readonly extractionsWord: string;
  readonly principalsWord: string;
  readonly servicesWord: string;
  readonly failedWord: string;
  readonly defenderUrl: string;
  readonly listNote: string;
  /** "Filtered: …" — empty when nothing is filtered. */
  readonly hasFilterNote: boolean;
  readonly filterNote: string;
  /** How old the answer is (it may come from the short result cache). */
  readonly ageNote: string;
  readonly hasWarning: boolean;
  readonly warning: string;
  /** "4 of 23 extractions carry risk signals; they come first." and one line per signal with its count. */
  readonly hasRisk: boolean;
  readonly riskHeadline: string;
  readonly riskCounts: readonly { readonly count: string; readonly label: string }[];
}

export interface ExtractionCardData extends SampleBanner {
  readonly id: string;
  readonly title: string;
  readonly timeIso: string;
  readonly outcomeText: string;
  readonly outcomeColor: 'Good' | 'Attention' | 'Warning' | 'Default';
  readonly facts: readonly Fact[];
  /** Risk signals, strongest first: a labelled chip and the facts behind it. */
  readonly hasSignals: boolean;
  readonly signals: readonly { readonly label: string; readonly detail: string }[];
  /** `<at>Name</at>, …` asking the user who did it to answer (pending cards, users only). */
  readonly hasMention: boolean;
  readonly mentionText: string;
  /** msteams.entities: the mention entity, or nothing. */
  readonly mentions: readonly { readonly type: 'mention'; readonly text: string; readonly mentioned: { readonly id: string; readonly name: string } }[];
  readonly pending: boolean;
  readonly statusText: string;
  readonly statusColor: 'Good' | 'Attention' | 'Default';
  readonly decidedBy: string;
  readonly hasComment: boolean;
  readonly comment: string;
  /** A changed decision: the card shows the latest only, and says where the earlier ones are. */
  readonly hasEarlier: boolean;
  readonly earlierText: string;
  /** Placeholders of the comment box: what the reason is needed for, on this card. */
  readonly commentHint: string;
  readonly changeCommentHint: string;
  readonly canChangeToEscalated: boolean;
  /** The decision version this card shows (sent back with a click). */
  readonly version: number;
  /** Which buttons this copy shows: all on the posted card; only the viewer's own after a refresh. */
  readonly actorButtons: boolean;
  readonly analystButtons: boolean;
  /** Universal Actions refresh: the listed Teams users get a card with the buttons meant for them. */
  readonly refresh: { readonly action: { readonly type: 'Action.Execute'; readonly verb: 'refresh'; readonly data: { readonly extractionId: string } }; readonly userIds: readonly string[] } | null;
  readonly canChangeToApproved: boolean;
  readonly decidedAtIso: string;
  readonly hasNotice: boolean;
  readonly notice: string;
}

export interface PagerCardData {
  readonly resultId: string;
  readonly nextPage: number;
  readonly shownText: string;
  readonly hasMore: boolean;
  readonly nextLabel: string;
}

export interface HelpCardData {
  readonly hasMessage: boolean;
  readonly message: string;
  readonly forms: readonly { readonly example: string; readonly meaning: string }[];
  readonly retentionDays: number;
}

export interface EmptyCardData extends SampleBanner {
  /** "Nobody listed … in the last 7 days", or, under a filter, that nothing matches it. */
  readonly emptyText: string;
  /** What to try next (a longer window keeping the filters). */
  readonly tryText: string;
  /** The same query in Defender's advanced hunting, to check there. */
  readonly defenderUrl: string;
  readonly hasFilterNote: boolean;
  readonly filterNote: string;
  readonly fromIso: string;
  readonly toIso: string;
}

export interface ErrorCardData {
  readonly title: string;
  readonly message: string;
  readonly hint: string;
  readonly code: string;
  readonly timeIso: string;
  readonly hasReference: boolean;
  readonly reference: string;
}

export interface KqlCardData {
  readonly windowLabel: string;
  readonly timespan: string;
  readonly lines: readonly { readonly line: string }[];
  readonly defenderUrl: string;
  readonly hasPostFilters: boolean;
  readonly postFilters: string;
}

export interface HistoryCardData {
  readonly id: string;
  readonly title: string;
  readonly timeIso: string;
  readonly principal: string;
  readonly statusText: string;
  readonly hasEntries: boolean;
  readonly entries: readonly { readonly atIso: string; readonly what: string; readonly who: string }[];
}

export interface WelcomeCardData extends SampleBanner {
  readonly roles: readonly { readonly who: string; readonly can: string }[];
  readonly hasSetupWarning: boolean;
  readonly setupWarning: string;
  readonly tries: readonly { readonly example: string; readonly meaning: string }[];
  readonly tip: string;
}

/** Template file name (without .json) → its data type. */
export interface CardDataByName {
  welcome: WelcomeCardData;
  history: HistoryCardData;
  kql: KqlCardData;
  summary: SummaryCardData;
  extraction: ExtractionCardData;
  pager: PagerCardData;
  help: HelpCardData;
  empty: EmptyCardData;
  error: ErrorCardData;
}
export type CardName = keyof CardDataByName;
