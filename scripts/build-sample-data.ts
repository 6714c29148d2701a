/**
 * Builds data/sample/hunting.json — the bundled local dataset — from the shared Graph fixture
 * (the seed's 7-column projection) by adding the columns SecretWatch projects on top of the seed.
 * Deterministic: the same fixture always yields the same file.
 *
 *   node --import tsx scripts/build-sample-data.ts [fixture.json]   (default: test/fixtures/graph/…)
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Row { [k: string]: unknown }

const PLACES: Record<string, { CountryCode: string; City: string; Isp: string; IsAnonymousProxy: 0 | 1 }> = {
  '203.0.113.24': { CountryCode: 'US', City: 'Redmond', Isp: 'Contoso Corporate Network', IsAnonymousProxy: 0 },
  '2001:db8:4a1:10::25': { CountryCode: 'US', City: 'Redmond', Isp: 'Contoso Corporate Network', IsAnonymousProxy: 0 },
  '203.0.113.57': { CountryCode: 'US', City: 'Seattle', Isp: 'Fabrikam Broadband', IsAnonymousProxy: 0 },
  '198.51.100.77': { CountryCode: 'GB', City: 'London', Isp: 'Northwind Telecom', IsAnonymousProxy: 0 },
  '198.51.100.203': { CountryCode: 'NL', City: 'Amsterdam', Isp: 'Tailspin Hosting B.V.', IsAnonymousProxy: 1 },
};
const AZURE_DATACENTER = { CountryCode: 'US', City: 'Boydton', Isp: 'Microsoft Azure', IsAnonymousProxy: 0 as const };

const USER_AGENTS: Record<string, string> = {
  'c44b4083-3bb0-49c1-b47d-974e53cbdf3c':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36 Edg/127.0.0.0',
  '04b07795-8ddb-461a-bbee-02f9e1bf7b46':
    'AZURECLI/2.62.0 (PIP) azsdk-python-core/1.30.2 Python/3.11.9 (macOS-14.5-arm64-arm-64bit)',
  '1950a258-227b-4e31-a9cf-717495945fc2':
    'FxVersion/8.0.624.26715 OSName/Windows OSVersion/Microsoft.Windows.10.0.22631 Microsoft.Azure.Management.ApiManagement.ApiManagementClient/8.0.0.0',
};
const SP_USER_AGENT = 'azsdk-python-mgmt-apimanagement/4.0.0 Python/3.11.9 (Linux-5.15.0-1068-azure-x86_64-with-glibc2.35)';

function guidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const source = process.argv[2] ?? join(__dirname, '../test/fixtures/graph/runHuntingQuery.seed-projection.json');
const fixture = JSON.parse(readFileSync(source, 'utf8')) as { schema: unknown[]; results: Row[] };
const extra = [
  { name: 'ReportId', type: 'String' },
  { name: 'ResourceId', type: 'String' },
  { name: 'IPAddress', type: 'String' },
  { name: 'CountryCode', type: 'String' },
  { name: 'City', type: 'String' },
  { name: 'Isp', type: 'String' },
  { name: 'IsAnonymousProxy', type: 'SByte' },
  { name: 'UserAgent', type: 'String' },
];
const results = fixture.results.map((row) => {
  const http = JSON.parse(String(row['HttpRequest'])) as { clientIpAddress?: string };
  const props = JSON.parse(String(row['Properties'])) as { entity?: string };
  const ip = http.clientIpAddress ?? '';
  const place = PLACES[ip] ?? AZURE_DATACENTER;
  const app = String(row['ApplicationID']);
  return {
    ...row,
    ReportId: guidFrom(`${String(row['Timestamp'])}|${String(row['HttpRequest'])}`),
    ResourceId: props.entity ?? '',
    IPAddress: ip,
    CountryCode: place.CountryCode,
    City: place.City,
    Isp: place.Isp,
    'IsAnonymousProxy@odata.type': '#SByte',
    IsAnonymousProxy: place.IsAnonymousProxy,
    UserAgent: USER_AGENTS[app] ?? SP_USER_AGENT,
  };
});
const out = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults',
  schema: [...fixture.schema, ...extra],
  results,
};
const target = join(__dirname, '../data/sample/hunting.json');
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${results.length} rows to ${target}`);
