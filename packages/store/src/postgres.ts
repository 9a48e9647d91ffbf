import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import type { Sql, SqlQueryable, SqlResult, SqlTransaction } from "./sql.ts";

export interface PostgresOptions {
	/** A `postgres://` URL; `?options=-c search_path=…` selects a schema. */
	readonly url: string;
	/** Connections at most; concurrent appends to one learner queue on its row lock, not here. */
	readonly connections?: number | undefined;
}

/** node-postgres's query as the port's: rows are typed by the caller, as PGlite's are. */
function queryOf(db: pg.Pool | pg.PoolClient): SqlQueryable["query"] {
	return async <TRow>(text: string, params?: readonly unknown[]) =>
		(await db.query(text, params as unknown[])) as unknown as SqlResult<TRow>;
}

/** A PostgreSQL server through node-postgres, with COPY FROM STDIN through pg-copy-streams. */
export async function openPostgres(options: PostgresOptions): Promise<Sql> {
	const pool = new pg.Pool({ connectionString: options.url, max: options.connections ?? 10 });
	// An idle connection that the server drops must not crash the process; the next query reconnects.
	pool.on("error", () => {});
	await pool.query("SELECT 1");
	return {
		query: queryOf(pool),
		transaction: async (work) => {
			const client = await pool.connect();
			let broken: Error | undefined;
			try {
				await client.query("BEGIN");
				const tx: SqlTransaction = {
					query: queryOf(client),
					exec: async (script) => {
						await client.query(script);
					},
					copyFrom: async (target, rows) => {
						const copy = client.query(copyFromStdin(`COPY ${target} FROM STDIN`));
						await pipeline(Readable.from([rows]), copy);
					},
				};
				const result = await work(tx);
				await client.query("COMMIT");
				return result;
			} catch (error) {
				await client.query("ROLLBACK").catch((rollbackError: Error) => {
					broken = rollbackError;
				});
				throw error;
			} finally {
				client.release(broken);
			}
		},
		close: () => pool.end(),
	};
}
