import { readFileSync } from 'node:fs';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { CertificateServiceClientCredentialsFactory } from 'botframework-connector';
import { errorCardData } from '../cards/error-card';
import { renderCard } from '../cards/render';
import type { BotAuth } from '../config';
import { toAppError } from '../errors';
import type { Logger } from '../log';
import { cardActivity } from './replies';

/** The bot's app id for proactive messages: '' when authentication is off (local mode). */
export function botAppId(auth: BotAuth): string {
  return auth.kind === 'none' ? '' : auth.appId;
}

/**
 * CloudAdapter with Bot Framework authentication from config. No app id (local mode) turns
 * authentication off both ways, which is what local clients such as Agents Playground need.
 */
export function createAdapter(auth: BotAuth, log: Logger): CloudAdapter {
  let authentication: ConfigurationBotFrameworkAuthentication;
  switch (auth.kind) {
    case 'none':
      authentication = new ConfigurationBotFrameworkAuthentication({});
      break;
    case 'SingleTenant':
      authentication = new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.password,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: auth.tenantId,
      });
      break;
    case 'SingleTenantCertificate':
      authentication = new ConfigurationBotFrameworkAuthentication(
        { MicrosoftAppId: auth.appId, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: auth.tenantId },
        new CertificateServiceClientCredentialsFactory(auth.appId, auth.certificateThumbprint, readFileSync(auth.certificatePrivateKeyFile, 'utf8'), auth.tenantId),
      );
      break;
    case 'UserAssignedMsi':
      authentication = new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: auth.appId,
        MicrosoftAppType: 'UserAssignedMsi',
        MicrosoftAppTenantId: auth.tenantId,
      });
      break;
  }
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const e = toAppError(error);
    log.error('turn failed', { code: e.code, error, activityType: context.activity.type });
    try {
      await context.sendActivity(cardActivity(renderCard('error', errorCardData(e, new Date()))));
    } catch (sendError) {
      log.error('could not send the error card', { error: sendError });
    }
  };
  return adapter;
}
