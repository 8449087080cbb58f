import {
  OperationNodeTransformer,
  PostgresAdapter,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

/**
 * The few places SQLite and PostgreSQL differ, in one file: how an id column counts up, whether a row can be locked
 * for the rest of a transaction, and which errors mean "another replica got there first: run it again".
 */
export type DialectName = 'sqlite' | 'postgres';

/** Any Kysely instance or transaction, whatever its tables. */
type AnyDb = Pick<Kysely<unknown>, 'getExecutor' | 'isTransaction'>;

export const dialectOf = (db: AnyDb): DialectName => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

/**
 * An integer primary key the database numbers: `integer primary key autoincrement` on SQLite (as the landed
 * migrations always created it), an identity column on PostgreSQL (which has no `autoincrement`).
 */
export function addIdColumn<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T>, name = 'id'): CreateTableBuilder<T> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn(name, 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn(name, 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

/** PostgreSQL error codes after which a transaction is simply run again (it changed nothing). */
const RETRYABLE_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected: PostgreSQL picked this transaction to abort
]);

/** Unique indexes whose violation means a concurrent transaction made the row this one was about to make. */
const RACE_INDEXES = new Set(['alert_groups_one_current']);

/** Another transaction won a race this one can win by running again (PostgreSQL only: SQLite runs one at a time). */
export function isRetryableConflict(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (typeof code !== 'string') return false;
  return RETRYABLE_CODES.has(code) || (code === '23505' && typeof constraint === 'string' && RACE_INDEXES.has(constraint));
}

/** Makes a select hold the rows it reads until the transaction ends. */
export type RowLock = <Q extends { forUpdate(): Q }>(query: Q) => Q;

/**
 * `FOR UPDATE` inside a PostgreSQL transaction, so read-decide-write never loses a concurrent change; nothing on SQLite,
 * whose one connection already runs one transaction at a time, nor outside a transaction.
 */
export function rowLock(db: AnyDb): RowLock {
  const locks = dialectOf(db) === 'postgres' && db.isTransaction;
  return <Q extends { forUpdate(): Q }>(query: Q): Q => (locks ? query.forUpdate() : query);
}

/** A value as PostgreSQL's text can hold it (see PostgresTextPlugin); for queries compiled once, which skip the plugin. */
export const withoutNul = (value: unknown): unknown => (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);

class NulStripper extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return { ...super.transformValue(node), value: withoutNul(node.value) };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...super.transformPrimitiveValueList(node), values: node.values.map(withoutNul) };
  }
}

/**
 * PostgreSQL's text cannot hold NUL characters (SQLite's can): an alert whose text carries one would fail to store.
 * They are dropped from every value written, as the bot already drops them from what people type.
 */
export class PostgresTextPlugin implements KyselyPlugin {
  private readonly stripper = new NulStripper();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.stripper.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
