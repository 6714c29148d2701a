import type { WelcomeCardData } from './view-models';

export interface WelcomeInput {
  /** Where the app was installed: the examples and the tip differ. */
  readonly scope: 'personal' | 'groupChat' | 'team';
  readonly sample: boolean;
  /** Entries in ANALYSTS (users or groups); 0 means nobody can approve others' extractions yet. */
  readonly analystEntries: number;
}

/** The card posted once when SecretWatch is installed: what it does, who may do what, what to type. */
export function welcomeCardData(input: WelcomeInput): WelcomeCardData {
  // In channels and group chats Teams only delivers messages that @mention the bot.
  const say = (command: string): string => (input.scope === 'personal' ? command : `@SecretWatch ${command}`);
  return {
    sample: input.sample,
    roles: [
      { who: 'SecretWatch analysts', can: 'Approve or escalate other people\'s extractions, change a decision, choose where escalations go, export decisions.' },
      { who: 'The admin named on an extraction (the account holder)', can: 'Answer "It was me — authorised" or "Not me" on its card (cards @mention them).' },
      { who: 'Everyone else', can: 'Ask for extractions and read the cards; the buttons are refused.' },
    ],
    hasSetupWarning: input.analystEntries === 0,
    setupWarning:
      'No analysts are configured yet, so only admins can answer for their own extractions. Ask your SecretWatch administrator to list the analysts (users or groups) in the ANALYSTS setting.',
    tries: [
      { example: say('secrets last 7d'), meaning: 'extractions of the last 7 days, riskiest first' },
      { example: say('secrets mine'), meaning: 'only yours, to confirm them' },
      { example: say('secrets pending'), meaning: 'what still waits for an answer' },
      { example: say('help'), meaning: 'every command' },
    ],
    tip:
      input.scope === 'team'
        ? 'Analysts: type "@SecretWatch secrets escalate here" in your SOC channel to receive escalations there.'
        : input.scope === 'groupChat'
          ? 'Replies come back in this chat; decisions made on a card show for everyone here.'
          : 'Cards about your own extractions ask you to confirm them; nothing is shared with your team from this chat.',
  };
}
