import { ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { errorCardData } from '../cards/error-card';
import { renderCard } from '../cards/render';
import { parseCommand } from '../commands/grammar';
import { AppError, ErrorCode } from '../errors';
import type { DecisionVerb } from '../decisions/decision';
import { parseCardAction } from './action-data';
import { actorOf } from './actor';
import type { BotDeps } from './deps';
import { handleApprove } from './handlers/approve';
import { handleChangeToApproved } from './handlers/change-to-approved';
import { handleChangeToEscalated } from './handlers/change-to-escalated';
import { handleConfirm } from './handlers/confirm';
import { handleDeny } from './handlers/deny';
import { handleEscalate } from './handlers/escalate';
import { handleHelp } from './handlers/help';
import { handleEscalateHere } from './handlers/escalate-here';
import { handleExport } from './handlers/export';
import { handleFileConsent } from './handlers/file-consent';
import { handleHistory } from './handlers/history';
import { handleInstalled, handleUninstalled } from './handlers/installation';
import { handleKql } from './handlers/kql';
import { handleNextPage } from './handlers/next-page';
import { handleRefresh } from './handlers/refresh';
import { handleSecrets } from './handlers/secrets';
import { invokeCardResponse } from './replies';
import { isOurTeams, tenantOf } from './tenant';

/** Routes a turn to its handler; nothing else. */
export class SecretWatchBot extends ActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    // Remember each user's Teams id for their Entra id: card refreshes are addressed by Teams ids.
    this.onTurn(async (context, next) => {
      if (!isOurTeams(context.activity, this.deps.tenantId)) {
        // Not answered at all: a reply would confirm the bot to whoever holds a Direct Line key.
        this.deps.log.warn('turn ignored: not Microsoft Teams in this tenant', { channelId: String(context.activity.channelId).slice(0, 40), tenant: tenantOf(context.activity) });
        return;
      }
      const actor = actorOf(context.activity);
      if (actor !== undefined && typeof context.activity.from?.id === 'string') {
        await this.deps.store.rememberUser(actor.id, context.activity.from.id.slice(0, 200), this.deps.now());
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.routeMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await handleInstalled(context, this.deps, { welcome: context.activity.action === 'add' });
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await handleUninstalled(context, this.deps);
      await next();
    });
    // Some clients only send conversationUpdate: the bot itself among the members added or removed.
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id) === true) await handleInstalled(context, this.deps, { welcome: true });
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (context.activity.membersRemoved?.some((m) => m.id === context.activity.recipient?.id) === true) await handleUninstalled(context, this.deps);
      await next();
    });
  }

  private async routeMessage(context: TurnContext): Promise<void> {
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    if (text.trim() === '') return; // card submits and attachments-only messages carry no command
    const parsed = parseCommand(text, this.deps.now());
    if (!parsed.ok) {
      this.deps.log.info('command not understood', { code: parsed.error.code });
      return handleHelp(context, this.deps.now(), parsed.error.message);
    }
    switch (parsed.command.kind) {
      case 'help':
        return handleHelp(context, this.deps.now());
      case 'secrets':
        return handleSecrets(context, this.deps, parsed.command);
      case 'kql':
        return handleKql(context, this.deps, parsed.command);
      case 'history':
        return handleHistory(context, this.deps, parsed.command.extractionId);
      case 'escalate-here':
        return handleEscalateHere(context, this.deps);
      case 'export':
        return handleExport(context, this.deps, parsed.command.window);
    }
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'fileConsent/invoke') return handleFileConsent(context, this.deps);
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const parsed = parseCardAction(context.activity.value);
    if (!parsed.ok) {
      this.deps.log.warn('card action refused', { problem: parsed.problem });
      const error = new AppError(ErrorCode.ActionInvalid, parsed.problem, { hint: 'Run "secrets" again to get fresh cards.' });
      return invokeCardResponse(renderCard('error', errorCardData(error, this.deps.now(), 'Nothing was recorded')));
    }
    const action = parsed.action;
    switch (action.verb) {
      case 'nextPage':
        return handleNextPage(context, this.deps, action.resultId, action.page);
      case 'refresh':
        return handleRefresh(context, this.deps, action.extractionId);
      default:
        return DECISION_HANDLERS[action.verb](context, this.deps, action.extractionId, action.comment, action.seenVersion);
    }
  }
}

/** One handler per decision verb. */
const DECISION_HANDLERS: Record<DecisionVerb, typeof handleApprove> = {
  approve: handleApprove,
  escalate: handleEscalate,
  confirm: handleConfirm,
  deny: handleDeny,
  'change-to-approved': handleChangeToApproved,
  'change-to-escalated': handleChangeToEscalated,
};
