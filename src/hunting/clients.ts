/** Microsoft first-party client application ids seen in Azure Resource Manager audit records. */
const FIRST_PARTY_CLIENTS: ReadonlyMap<string, string> = new Map([
  ['c44b4083-3bb0-49c1-b47d-974e53cbdf3c', 'Azure portal'],
  ['04b07795-8ddb-461a-bbee-02f9e1bf7b46', 'Azure CLI'],
  ['1950a258-227b-4e31-a9cf-717495945fc2', 'Azure PowerShell'],
]); // a Map, not an object: upstream text such as "__proto__" must not find Object's built-ins

export interface ClientApplication {
  readonly id?: string;
  /**
   * "Azure portal"; "sp-contoso-apim-config-backup (app <id>)" when the directory named the app;
   * "application <id>" for anything else (usually a service principal's own app).
   */
  readonly label: string;
  readonly firstParty: boolean;
  /** The directory's name for a non-first-party app (absent: not looked up, unknown, or stored before names existed). */
  readonly name?: string;
}

export function describeClientApplication(applicationId: string | undefined): ClientApplication {
  if (applicationId === undefined) return { label: 'unknown application', firstParty: false };
  const known = FIRST_PARTY_CLIENTS.get(applicationId.toLowerCase());
  return known === undefined
    ? { id: applicationId, label: `application ${applicationId}`, firstParty: false }
    : { id: applicationId, label: known, firstParty: true };
}

/** The application with its directory name (a service principal's display name). First-party apps keep their own label. */
export function nameClientApplication(app: ClientApplication, name: string): ClientApplication {
  if (app.firstParty || app.id === undefined) return app;
  return { ...app, name, label: `${name} (app ${app.id})` };
}
