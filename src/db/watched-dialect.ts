import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';

/**
 * A dialect that tells `failed` about every error of the database itself (getting a connection, a query, begin,
 * commit, rollback) and rethrows it unchanged: the one place that sees a database going away, whichever part of the
 * bot was asking.
 */
export function watchedDialect(inner: Dialect, failed: (error: unknown) => void): Dialect {
  return {
    createDriver: () => new WatchedDriver(inner.createDriver(), failed),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}

class WatchedConnection implements DatabaseConnection {
  /** The failure of a query or the commit in the transaction under way: what a failed rollback reports instead of its own. */
  failure: { error: unknown } | null = null;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly watch: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.watch(() => this.inner.executeQuery<R>(compiledQuery));
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiledQuery, chunkSize);
  }
}

type CompileQuery = QueryCompiler['compileQuery'];

/** Both of the bot's drivers (SQLite, PostgreSQL) have savepoints; the wrapper offers what the inner driver has. */
function savepointsOf(driver: Driver): Required<Pick<Driver, 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint'>> {
  const { savepoint, rollbackToSavepoint, releaseSavepoint } = driver;
  if (!savepoint || !rollbackToSavepoint || !releaseSavepoint) throw new Error('this database driver has no savepoints');
  return { savepoint: savepoint.bind(driver), rollbackToSavepoint: rollbackToSavepoint.bind(driver), releaseSavepoint: releaseSavepoint.bind(driver) };
}

/** The inner driver gets its own connection objects back (the PostgreSQL driver releases a client through its own). */
const unwrap = (connection: DatabaseConnection): DatabaseConnection => (connection instanceof WatchedConnection ? connection.inner : connection);

class WatchedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Runs one call of the inner driver; better-sqlite3 throws synchronously, so the call itself is inside the try. */
  private readonly watch = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      this.failed(error);
      throw error;
    }
  };

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WatchedConnection(await this.watch(() => this.inner.acquireConnection()), this.watch);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (connection instanceof WatchedConnection) connection.failure = null;
    return this.watch(() => this.inner.beginTransaction(unwrap(connection), settings));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.watch(() => this.inner.commitTransaction(unwrap(connection)));
    } catch (error) {
      if (connection instanceof WatchedConnection) connection.failure = { error };
      throw error;
    }
  }

  /**
   * A rollback that fails after a query failed reports the query's failure: SQLite has already rolled back on a full
   * disk ("no transaction is active"), PostgreSQL's connection is gone, and kysely throws the rollback's error.
   */
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.watch(() => this.inner.rollbackTransaction(unwrap(connection)));
    } catch (error) {
      const failure = connection instanceof WatchedConnection ? connection.failure : null;
      throw failure ? failure.error : error;
    }
  }

  savepoint(connection: DatabaseConnection, name: string, compileQuery: CompileQuery): Promise<void> {
    return this.watch(() => savepointsOf(this.inner).savepoint(unwrap(connection), name, compileQuery));
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: CompileQuery): Promise<void> {
    return this.watch(() => savepointsOf(this.inner).rollbackToSavepoint(unwrap(connection), name, compileQuery));
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: CompileQuery): Promise<void> {
    return this.watch(() => savepointsOf(this.inner).releaseSavepoint(unwrap(connection), name, compileQuery));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
