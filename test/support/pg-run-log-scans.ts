/**
 * EXPLAIN of every query on sync_runs a piece of work sends to PostgreSQL (captured with its
 * parameters from pg's Client). Sequential scans are switched off for the EXPLAIN, so a tiny test
 * table is planned as a large one would be: a Seq Scan left in the plan means no index can serve
 * it, and an index read end to end without a condition is the whole table too. The runs of each MO
 * (sync_run_mos, search by MO) are held to the same rule.
 */
import pg from 'pg';

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

export async function pgRunLogScans(url: string, work: () => Promise<void>): Promise<{ checked: number; scans: string[] }> {
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  const executed = new Map<string, unknown[]>();
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string' && /\bsync_runs\b/.test(text) && !/^\s*EXPLAIN/i.test(text)) {
      executed.set(text, Array.isArray(values) ? values : []);
    }
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const scans: string[] = [];
  try {
    const indexes = (await client.query<{ indexname: string; indexdef: string }>("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('sync_runs', 'sync_run_mos')")).rows;
    const runLogIndexes = new Map(indexes.map((index) => [index.indexname, / WHERE /.test(index.indexdef)]));
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    for (const [sql, values] of executed) {
      const [row] = (await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, values)).rows;
      const whole = nodes(row!['QUERY PLAN'][0].Plan).filter((node) => readsWholeRunLog(node, runLogIndexes));
      if (whole.length > 0) scans.push(`${sql.replace(/\s+/g, ' ')} → ${whole.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`.trim()).join('; ')}`);
    }
    await client.query('ROLLBACK');
  } finally {
    await client.end();
  }
  return { checked: executed.size, scans };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/**
 * A sequential scan, or an index walked end to end (no Index Cond) unless the index is partial
 * (the open runs: a handful however long the log).
 */
function readsWholeRunLog(node: PlanNode, runLogIndexes: ReadonlyMap<string, boolean>): boolean {
  if (node['Node Type'] === 'Seq Scan') return node['Relation Name'] === 'sync_runs' || node['Relation Name'] === 'sync_run_mos';
  const index = node['Index Name'];
  if (index === undefined || !runLogIndexes.has(index)) return false;
  return node['Index Cond'] === undefined && runLogIndexes.get(index) === false;
}
