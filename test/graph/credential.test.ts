import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { createGraphCredential } from '../../src/graph/credential';

const TENANT = '4f1c2b3a-6d5e-4a7b-8c9d-0e1f2a3b4c5d';
const CLIENT = '11111111-2222-4333-8444-555555555555';

describe('createGraphCredential', () => {
  test.each([
    [{ kind: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: 's' } as const, ClientSecretCredential],
    [{ kind: 'certificate', tenantId: TENANT, clientId: CLIENT, certificatePath: '/tmp/cert.pem' } as const, ClientCertificateCredential],
    [{ kind: 'managed-identity', clientId: CLIENT } as const, ManagedIdentityCredential],
    [{ kind: 'managed-identity' } as const, ManagedIdentityCredential],
  ])('%j → the matching @azure/identity credential', (auth, type) => {
    expect(createGraphCredential(auth, 'https://login.microsoftonline.com')).toBeInstanceOf(type);
  });
});
