/** The parts of an Azure Resource Manager id that a card shows. */
export interface ResourceParts {
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  /** e.g. "Microsoft.ApiManagement" */
  readonly provider?: string;
  /** Top-level resource name: the APIM service. */
  readonly name?: string;
  /** Child resource name: for APIM tenant access, "access" or "gitAccess". */
  readonly childName?: string;
}

const ARM_ID =
  /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?(?:\/providers\/([^/]+)\/[^/]+\/([^/]+)(?:\/[^/]+\/([^/]+))?)?/i;

/** Parses `/subscriptions/<sub>/resourceGroups/<rg>/providers/<ns>/<type>/<name>[/<child type>/<child>]`. */
export function parseResourceId(id: string | undefined): ResourceParts {
  if (id === undefined) return {};
  const m = ARM_ID.exec(id.trim());
  if (m === null) return {};
  const [, subscriptionId, resourceGroup, provider, name, childName] = m;
  return {
    ...(subscriptionId !== undefined && { subscriptionId }),
    ...(resourceGroup !== undefined && { resourceGroup }),
    ...(provider !== undefined && { provider }),
    ...(name !== undefined && { name }),
    ...(childName !== undefined && { childName }),
  };
}
