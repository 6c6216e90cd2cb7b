import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../database.js';
import type { TableInfo } from '../schema.js';
import type { Executor } from '../transaction.js';

/** How to read tables in one snapshot: the dialect and which columns hold text (`table.column`). */
export interface ReadContext {
  readonly db: Executor;
  readonly dialect: Dialect;
  readonly textColumns: ReadonlySet<string>;
  readonly pageSize: number;
}

/**
 * The text columns of the current schema. PostgreSQL sorts text by the database's collation (with
 * en_US.UTF-8, `B` < `a` < `b` becomes `a` < `B` < `b`), SQLite by bytes; checksums must see one
 * order, so text keys are sorted with the byte-order collation "C" on PostgreSQL, which equals
 * SQLite's BINARY for UTF-8. SQLite needs no list.
 */
export async function textColumns(db: Executor, dialect: Dialect): Promise<Set<string>> {
  if (dialect === 'sqlite') return new Set();
  const rows = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type in ('text', 'character varying', 'character')`.execute(
    db,
  );
  return new Set(rows.rows.map((r) => `${r.table_name}.${r.column_name}`));
}

function key(ctx: ReadContext, table: string, column: string): RawBuilder<unknown> {
  return ctx.dialect === 'postgres' && ctx.textColumns.has(`${table}.${column}`)
    ? sql`${sql.ref(column)} collate "C"`
    : sql`${sql.ref(column)}`;
}

/** `(k1, k2, …) > (v1, v2, …)` spelled out as ORs of ANDs, which every index understands. */
function after(ctx: ReadContext, table: TableInfo, last: Record<string, unknown>): RawBuilder<unknown> {
  const alternatives = table.orderBy.map((column, i) => {
    const equal = table.orderBy.slice(0, i).map((c) => sql`${key(ctx, table.name, c)} = ${last[c]}`);
    return sql`(${sql.join([...equal, sql`${key(ctx, table.name, column)} > ${last[column]}`], sql` and `)})`;
  });
  return sql.join(alternatives, sql` or `);
}

/**
 * Every row of `table` in `orderBy` order, a page at a time, so a table of any size streams through a
 * fixed amount of memory; within one snapshot transaction the pages together are exactly the table
 * as of the snapshot. Must run inside a transaction.
 *
 * SQLite pages by keyset (never OFFSET, which rescans), served by the primary-key index. PostgreSQL
 * reads through a server-side cursor instead: ordering text by the "C" collation cannot use an index
 * built for the database's own collation, so keyset paging would sort the table again for every page,
 * while a cursor sorts once and streams.
 */
export async function* readTable(
  ctx: ReadContext,
  table: TableInfo,
): AsyncGenerator<Record<string, unknown>[]> {
  yield* ctx.dialect === 'postgres' ? byCursor(ctx, table) : byKeyset(ctx, table);
}

async function* byKeyset(ctx: ReadContext, table: TableInfo): AsyncGenerator<Record<string, unknown>[]> {
  const order = sql.join(table.orderBy.map((c) => key(ctx, table.name, c)));
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const where = last ? sql`where ${after(ctx, table, last)}` : sql``;
    const page = await sql<Record<string, unknown>>`
      select * from ${sql.table(table.name)} ${where} order by ${order} limit ${ctx.pageSize}`.execute(
      ctx.db,
    );
    if (page.rows.length > 0) yield page.rows;
    if (page.rows.length < ctx.pageSize) return;
    last = page.rows.at(-1);
  }
}

async function* byCursor(ctx: ReadContext, table: TableInfo): AsyncGenerator<Record<string, unknown>[]> {
  const order = sql.join(table.orderBy.map((c) => key(ctx, table.name, c)));
  const cursor = sql.id(`fk_backup_${table.name}`);
  await sql`declare ${cursor} no scroll cursor for
    select * from ${sql.table(table.name)} order by ${order}`.execute(ctx.db);
  try {
    for (;;) {
      const page = await sql<Record<string, unknown>>`fetch ${sql.lit(ctx.pageSize)} from ${cursor}`.execute(
        ctx.db,
      );
      if (page.rows.length > 0) yield page.rows;
      if (page.rows.length < ctx.pageSize) return;
    }
  } finally {
    await sql`close ${cursor}`.execute(ctx.db);
  }
}
