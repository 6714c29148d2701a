import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { GraphAuth } from '../config';

/** The app-only credential SecretWatch uses for Microsoft Graph, from validated configuration. */
export function createGraphCredential(auth: GraphAuth, authorityHost: string): TokenCredential {
  // A non-public authority (national cloud, local stand-in) fails instance discovery unless it is turned off.
  const common = { authorityHost, disableInstanceDiscovery: !authorityHost.startsWith('https://login.microsoftonline.com') };
  switch (auth.kind) {
    case 'client-secret':
      return new ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret, common);
    case 'certificate':
      return new ClientCertificateCredential(auth.tenantId, auth.clientId, { certificatePath: auth.certificatePath }, common);
    case 'managed-identity':
      return auth.clientId === undefined ? new ManagedIdentityCredential() : new ManagedIdentityCredential({ clientId: auth.clientId });
  }
}
