/**
 * An independent reader of the KQL SecretWatch generates, for a Graph stand-in that answers as
 * Defender would: it applies the where-clauses it finds to rows and refuses anything it does not
 * recognise (so an unexpected clause fails the test instead of being ignored).
 */
type Row = Record<string, unknown>;

const col = (row: Row, name: string): unknown => row[Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase()) ?? ''];
const unquote = (lit: string): string => JSON.parse(lit) as string;

export function applyGeneratedKql(query: string, now: Date, rows: readonly Row[]): Row[] {
  const wheres = query.split('\n').filter((l) => l.startsWith('| where '));
  const preds = wheres.map((line): ((r: Row) => boolean) => {
    let m: RegExpExecArray | null;
    if ((m = /^\| where Timestamp > ago\((\d+)([mhd])\)$/.exec(line))) {
      const ms = Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
      return (r) => Date.parse(String(col(r, 'Timestamp'))) > now.getTime() - ms;
    }
    if ((m = /^\| where Timestamp > datetime\(([^)]+)\)$/.exec(line))) {
      const t = Date.parse(m[1] ?? '');
      return (r) => Date.parse(String(col(r, 'Timestamp'))) > t;
    }
    if ((m = /^\| where OperationName == ("(?:[^"\\]|\\.)*")$/.exec(line))) {
      const op = unquote(m[1] ?? '""');
      return (r) => col(r, 'OperationName') === op;
    }
    if ((m = /^\| where OperationName in~ \((.*)\)$/.exec(line))) {
      const ops = new Set((JSON.parse(`[${m[1] ?? ''}]`) as string[]).map((o) => o.toLowerCase()));
      return (r) => ops.has(String(col(r, 'OperationName')).toLowerCase());
    }
    if ((m = /^\| where (PrincipalOID|SubscriptionID) =~ ("(?:[^"\\]|\\.)*")$/.exec(line))) {
      const column = m[1] ?? '';
      const value = unquote(m[2] ?? '""').toLowerCase();
      return (r) => String(col(r, column)).toLowerCase() === value;
    }
    if ((m = /^\| where extract\(@'\(\?i\)(.+)', 1, Properties\) =~ ("(?:[^"\\]|\\.)*")$/.exec(line))) {
      const re = new RegExp(m[1] ?? '', 'i');
      const value = unquote(m[2] ?? '""').toLowerCase();
      return (r) => re.exec(String(col(r, 'Properties')))?.[1]?.toLowerCase() === value;
    }
    throw new Error(`unrecognised where-clause: ${line}`);
  });
  return rows.filter((r) => preds.every((p) => p(r)));
}
