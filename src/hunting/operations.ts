/** Secret-extraction operations SecretWatch can watch, with the words cards use for them. */
export const OPERATION_LABELS: ReadonlyMap<string, string> = new Map(
  (
    [
      ['Microsoft.ApiManagement/service/tenant/listSecrets/action', 'APIM tenant access keys (management API or git)'],
      ['Microsoft.ApiManagement/service/subscriptions/listSecrets/action', 'APIM subscription keys'],
      ['Microsoft.ApiManagement/service/namedValues/listValue/action', 'APIM named value'],
      ['Microsoft.ApiManagement/service/identityProviders/listSecrets/action', 'APIM identity provider secret'],
      ['Microsoft.ApiManagement/service/openidConnectProviders/listSecrets/action', 'APIM OpenID Connect provider secret'],
      ['Microsoft.ApiManagement/service/authorizationServers/listSecrets/action', 'APIM authorization server secret'],
      ['Microsoft.ApiManagement/service/portalSettings/listSecrets/action', 'APIM developer portal secrets'],
      ['Microsoft.ApiManagement/service/gateways/listKeys/action', 'APIM self-hosted gateway keys'],
      ['Microsoft.ApiManagement/service/gateways/generateToken/action', 'APIM self-hosted gateway token'],
      ['Microsoft.Storage/storageAccounts/listkeys/action', 'Storage account keys'],
      ['Microsoft.Web/sites/config/list/Action', 'App Service configuration (app settings, connection strings)'],
      ['Microsoft.Web/sites/publishxml/Action', 'App Service publishing profile'],
    ] as const
  ).map(([op, label]) => [op.toLowerCase(), label]),
);

/** The wider watch list (WATCH_OPERATIONS=wide): every operation above. */
export const WIDE_WATCH_LIST: readonly string[] = [
  'Microsoft.ApiManagement/service/tenant/listSecrets/action',
  'Microsoft.ApiManagement/service/subscriptions/listSecrets/action',
  'Microsoft.ApiManagement/service/namedValues/listValue/action',
  'Microsoft.ApiManagement/service/identityProviders/listSecrets/action',
  'Microsoft.ApiManagement/service/openidConnectProviders/listSecrets/action',
  'Microsoft.ApiManagement/service/authorizationServers/listSecrets/action',
  'Microsoft.ApiManagement/service/portalSettings/listSecrets/action',
  'Microsoft.ApiManagement/service/gateways/listKeys/action',
  'Microsoft.ApiManagement/service/gateways/generateToken/action',
  'Microsoft.Storage/storageAccounts/listkeys/action',
  'Microsoft.Web/sites/config/list/Action',
  'Microsoft.Web/sites/publishxml/Action',
];

/** An operation in plain words: "APIM tenant access keys (management API or git)", or the operation name itself. */
export function operationLabel(operation: string): string {
  return OPERATION_LABELS.get(operation.toLowerCase()) ?? operation;
}

/** Operation names are ARM action paths: letters, digits, dots and slashes. */
export const OPERATION_NAME = /^[A-Za-z][A-Za-z0-9.]*(?:\/[A-Za-z0-9.]+)+$/;
