/** Endpoints of the clouds SecretWatch supports: where the defender source, its tokens and the portal links go. */

/** Microsoft Defender portal per cloud (GCC High and DoD have their own). */
export const DEFENDER_PORTALS = {
  global: 'https://security.microsoft.com',
  usgov: 'https://security.microsoft.us',
  usgovdod: 'https://security.apps.mil',
  china: 'https://security.microsoft.com',
} as const;

/** National clouds where Defender advanced hunting is offered through Graph (US Government L4 = GCC High, L5 = DoD). */
export const CLOUD_ENDPOINTS = {
  global: { graph: 'https://graph.microsoft.com', authority: 'https://login.microsoftonline.com' },
  usgov: { graph: 'https://graph.microsoft.us', authority: 'https://login.microsoftonline.us' },
  usgovdod: { graph: 'https://dod-graph.microsoft.us', authority: 'https://login.microsoftonline.us' },
} as const;

/** The Graph and Entra hosts of those clouds: production refuses any other (config-production.ts). */
export const MICROSOFT_HOSTS = {
  GRAPH_BASE_URL: new Set(Object.values(CLOUD_ENDPOINTS).map((e) => new URL(e.graph).hostname)),
  AZURE_AUTHORITY_HOST: new Set(Object.values(CLOUD_ENDPOINTS).map((e) => new URL(e.authority).hostname)),
} as const;
