/**
 * The wire format of Graph `POST /security/runHuntingQuery` (microsoft.graph.security.huntingQueryResults).
 * Both sources produce exactly this, so one parser serves both.
 */
export interface HuntingResponse {
  readonly '@odata.context'?: string;
  readonly schema?: readonly HuntingColumn[];
  readonly results?: readonly unknown[];
}

/** Microsoft's examples use both `name/type` and `Name/Type`. */
export interface HuntingColumn {
  readonly name?: string;
  readonly Name?: string;
  readonly type?: string;
  readonly Type?: string;
}
