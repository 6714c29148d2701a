/**
 * Microsoft's own Kusto parser and semantic analyser (Kusto.Language, shipped to npm as
 * @kusto/language-service-next) for tests: proves generated KQL is valid against the documented
 * CloudAuditEvents schema and exposes the shape of the top-level pipeline.
 *
 * The package is a Bridge.NET build: `bridge.min.js` sets the globals `Bridge` and `System` (the
 * .NET runtime shim), then `Kusto.Language.Bridge.min.js` registers `Kusto.Language.*` on the same
 * global object. They are evaluated with `vm.runInThisContext`, i.e. in Node's main context rather
 * than jest's per-file sandbox: Bridge code reads `System.*` / `Bridge.*` globals on every call, and
 * global lookups through jest's contextified sandbox made each analysis ~3× slower (≈75 ms vs
 * ≈25 ms). The runtime is loaded at most once per jest worker (reused by later test files in that
 * worker); it never appears on the test file's own `globalThis`.
 * Cost: ≈0.25 s to load, ≈0.7 s for the first analysis while the binder warms up, then ~10–25 ms.
 * Values created by that code live in another realm: compare with typeof / Object.prototype.toString,
 * never instanceof.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';

// ---- Minimal typings of the Bridge.NET globals used here (the package's own .d.ts is 1.7 MB
// ---- of global declarations that expect DOM types; these few members are all we touch).

/** A .NET IReadOnlyList as Bridge exposes it. */
interface NetList<T> {
  readonly Count: number;
  getItem(index: number): T;
}
interface NetDiagnostic {
  readonly Severity: string;
  readonly Code: string;
  readonly Message: string;
  readonly Start: number;
  readonly Length: number;
}
/** Any syntax element; the optional members exist only on the node kinds that have them. */
interface SyntaxElement {
  readonly Kind: number;
  readonly IsToken: boolean;
  readonly IsLiteral: boolean;
  /** Tokens: the token text. */
  readonly Text?: string;
  /** Literal expressions: the decoded value (string, number, boxed DateTime, TimeSpan). */
  readonly LiteralValue?: unknown;
  /** QueryBlock. */
  readonly Statements?: NetList<{ readonly Element: SyntaxElement }>;
  /** ExpressionStatement / PipeExpression (left side). */
  readonly Expression?: SyntaxElement | null;
  /** PipeExpression: the query operator; binary and in-expressions: the operator token. */
  readonly Operator?: SyntaxElement | null;
  /** FilterOperator. */
  readonly Condition?: SyntaxElement | null;
  readonly Left?: SyntaxElement | null;
  readonly Right?: SyntaxElement | null;
  ToString(includeTrivia: number): string;
  WalkElements(action: (element: SyntaxElement) => void): void;
}
interface NetColumn {
  readonly Name: string;
  readonly Type: { readonly Name: string };
}
interface NetKustoCode {
  readonly Syntax: SyntaxElement;
  readonly ResultType: { readonly Columns?: NetList<NetColumn> } | null;
  GetDiagnostics(): NetList<NetDiagnostic>;
}
interface KustoLanguage {
  readonly Symbols: {
    readonly TableSymbol: { From(schema: string): { WithName(name: string): unknown } };
    readonly DatabaseSymbol: { readonly ctor: new (name: string, members: unknown[]) => unknown };
  };
  readonly GlobalState: { readonly Default: { WithDatabase(database: unknown): unknown } };
  readonly KustoCode: { ParseAndAnalyze(text: string, globals: unknown): NetKustoCode };
  readonly Syntax: {
    readonly SyntaxKind: Readonly<Record<string, unknown>>;
    readonly IncludeTrivia: { readonly Minimal: number };
  };
}
interface BridgeRuntime {
  unbox(value: unknown, noClone: boolean): unknown;
}
interface KustoGlobals {
  Kusto?: { Language: KustoLanguage };
  Bridge?: BridgeRuntime;
}

// ---- What tests see ----

export interface KqlDiagnostic {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  /** The KQL text the diagnostic points at. */
  readonly at: string;
}

/** A literal expression: its syntax kind and decoded value (timespan → ms, datetime → ISO string). */
export interface KqlLiteral {
  readonly syntax: string;
  readonly value: string | number | boolean | null;
}

export interface WherePredicate {
  /** The condition as written, without surrounding trivia. */
  readonly text: string;
  /** SyntaxKind of the condition node (GreaterThanExpression, EqualTildeExpression, …). */
  readonly kind: string;
  /** Binary / in-expressions: left operand text, operator token, and right operand. */
  readonly left?: string;
  readonly operator?: string;
  readonly rightKind?: string;
  readonly right?: string;
  /** Every literal inside the condition, in source order. */
  readonly literals: readonly KqlLiteral[];
}

export interface KqlAnalysis {
  /** All diagnostics (syntax and semantic) of any severity. */
  readonly diagnostics: readonly KqlDiagnostic[];
  readonly errors: readonly KqlDiagnostic[];
  /** Number of statements in the query block (`;` would add one). */
  readonly statements: number;
  /** The table the first statement's pipeline starts from. */
  readonly source: string | undefined;
  /** SyntaxKind of each top-level pipeline operator, in order. */
  readonly operators: readonly string[];
  /** The condition of each top-level `where`, in order. */
  readonly wheres: readonly WherePredicate[];
  /** FilterOperator nodes anywhere in the tree (equals wheres.length when nothing is nested). */
  readonly filterOperatorsAnywhere: number;
  /** The result schema the analyser inferred. */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/** The documented CloudAuditEvents columns (shared/notes/hunting-api.md). */
export const CLOUD_AUDIT_EVENTS_SCHEMA =
  '(Timestamp:datetime, ReportId:string, DataSource:string, ActionType:string, OperationName:string, ' +
  'ResourceId:string, IPAddress:string, IsAnonymousProxy:bool, CountryCode:string, City:string, Isp:string, ' +
  'UserAgent:string, RawEventData:dynamic, AdditionalFields:dynamic)';

interface Loaded {
  readonly language: KustoLanguage;
  readonly bridge: BridgeRuntime;
  readonly globals: unknown;
  readonly kindNames: ReadonlyMap<number, string>;
  readonly kinds: { readonly pipe: number; readonly filter: number };
  readonly minimal: number;
}

let loaded: Loaded | undefined;
const timings: { loadMs?: number; firstAnalysisMs?: number; analyses: number; totalAnalysisMs: number } = {
  analyses: 0,
  totalAnalysisMs: 0,
};

/** Load timings so far (for reports). */
export function kustoTimings(): Readonly<typeof timings> {
  return { ...timings };
}

function load(): Loaded {
  if (loaded !== undefined) return loaded;
  const started = performance.now();
  const mainGlobal = (): KustoGlobals => runInThisContext('globalThis') as KustoGlobals;
  if (mainGlobal().Kusto === undefined) {
    const dir = dirname(require.resolve('@kusto/language-service-next/package.json'));
    for (const file of ['bridge.min.js', 'Kusto.Language.Bridge.min.js']) {
      runInThisContext(readFileSync(join(dir, file), 'utf8'), { filename: join(dir, file) });
    }
  }
  const g = mainGlobal();
  if (g.Kusto === undefined || g.Bridge === undefined) throw new Error('Kusto.Language did not register its globals');
  const language = g.Kusto.Language;
  const table = language.Symbols.TableSymbol.From(CLOUD_AUDIT_EVENTS_SCHEMA).WithName('CloudAuditEvents');
  const database = new language.Symbols.DatabaseSymbol.ctor('hunting', [table]);
  const globals = language.GlobalState.Default.WithDatabase(database);
  const kindNames = new Map<number, string>();
  for (const [name, value] of Object.entries(language.Syntax.SyntaxKind)) {
    if (typeof value === 'number' && !name.startsWith('$')) kindNames.set(value, name);
  }
  const kind = (name: string): number => {
    const value = language.Syntax.SyntaxKind[name];
    if (typeof value !== 'number') throw new Error(`SyntaxKind.${name} is missing`);
    return value;
  };
  loaded = {
    language,
    bridge: g.Bridge,
    globals,
    kindNames,
    kinds: { pipe: kind('PipeExpression'), filter: kind('FilterOperator') },
    minimal: language.Syntax.IncludeTrivia.Minimal,
  };
  timings.loadMs = performance.now() - started;
  return loaded;
}

/** Parses and analyses `kql` against CloudAuditEvents with Kusto.Language. */
export function analyse(kql: string): KqlAnalysis {
  const k = load();
  const started = performance.now();
  const code = k.language.KustoCode.ParseAndAnalyze(kql, k.globals);
  const diagnostics = listOf(code.GetDiagnostics()).map(
    (d): KqlDiagnostic => ({ severity: d.Severity, code: d.Code, message: d.Message, at: kql.slice(d.Start, d.Start + d.Length) }),
  );
  const kindName = (e: SyntaxElement | null | undefined): string => (e ? (k.kindNames.get(e.Kind) ?? `#${e.Kind}`) : 'none');
  const text = (e: SyntaxElement | null | undefined): string | undefined => (e ? e.ToString(k.minimal) : undefined);

  const statements = listOf(code.Syntax.Statements).map((s) => s.Element);
  // The top-level pipeline of the first statement: PipeExpression(PipeExpression(source, op1), op2)…
  const operators: SyntaxElement[] = [];
  let node = statements[0]?.Expression ?? null;
  while (node !== null && node.Kind === k.kinds.pipe) {
    if (node.Operator) operators.unshift(node.Operator);
    node = node.Expression ?? null;
  }
  const wheres = operators
    .filter((op) => op.Kind === k.kinds.filter)
    .map((op): WherePredicate => {
      const c = op.Condition ?? null;
      const literals: KqlLiteral[] = [];
      c?.WalkElements((e) => {
        if (!e.IsToken && e.IsLiteral) literals.push({ syntax: kindName(e), value: plain(k.bridge, e.LiteralValue) });
      });
      const binary = c?.Left && c.Operator && c.Right ? { left: text(c.Left) ?? '', operator: c.Operator.Text ?? '', rightKind: kindName(c.Right), right: text(c.Right) ?? '' } : {};
      return { text: text(c) ?? '', kind: kindName(c), ...binary, literals };
    });
  let filterOperatorsAnywhere = 0;
  code.Syntax.WalkElements((e) => {
    if (e.Kind === k.kinds.filter) filterOperatorsAnywhere++;
  });
  const columns = listOf(code.ResultType?.Columns).map((c) => ({ name: c.Name, type: c.Type.Name }));

  const elapsed = performance.now() - started;
  timings.firstAnalysisMs ??= elapsed;
  timings.analyses++;
  timings.totalAnalysisMs += elapsed;
  return {
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'Error'),
    statements: statements.length,
    source: text(node),
    operators: operators.map(kindName),
    wheres,
    filterOperatorsAnywhere,
    columns,
  };
}

function listOf<T>(list: NetList<T> | null | undefined): T[] {
  const out: T[] = [];
  if (list) for (let i = 0; i < list.Count; i++) out.push(list.getItem(i));
  return out;
}

/** A literal's .NET value as plain JSON: TimeSpan → milliseconds, DateTime → ISO 8601 (UTC). */
function plain(bridge: BridgeRuntime, value: unknown): string | number | boolean | null {
  const v = bridge.unbox(value, true);
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString();
  const timespan = v as { getTotalMilliseconds?: () => number };
  if (typeof timespan.getTotalMilliseconds === 'function') return timespan.getTotalMilliseconds();
  const long = v as { toNumber?: () => number };
  if (typeof long.toNumber === 'function') return long.toNumber();
  return String(v);
}
