import { PGlite, type Transaction } from "@electric-sql/pglite";
import { lockDataDir } from "./data-dir-lock.ts";
import type { Sql, SqlTransaction } from "./sql.ts";

export interface PgliteOptions {
	/** The data folder; `memory://` (or none) keeps the database in memory only. */
	readonly dataDir?: string | undefined;
	/** A data folder dumped by `dumpDataDir`, to start from (tests restore a migrated one). */
	readonly loadDataDir?: Blob | undefined;
}

function transactionOf(tx: Transaction): SqlTransaction {
	return {
		query: async (text, params) => tx.query(text, params as unknown[]),
		exec: async (script) => {
			await tx.exec(script);
		},
		copyFrom: async (target, rows) => {
			// PGlite has no COPY protocol stream; it reads the rows from a blob it names /dev/blob.
			await tx.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([rows]) });
		},
	};
}

/** The Sql port on PGlite, which can also dump its data folder (tests restore a migrated one). */
export interface PgliteSql extends Sql {
	dumpDataDir(): Promise<Blob>;
}

/** Embedded PostgreSQL (WASM) in this process, with its data in a folder. */
export async function openPglite(options: PgliteOptions = {}): Promise<PgliteSql> {
	const { dataDir } = options;
	const inMemory = dataDir === undefined || dataDir.startsWith("memory://");
	const unlock = inMemory ? () => {} : lockDataDir(dataDir);
	let db: PGlite;
	try {
		db = await PGlite.create({
			...(dataDir === undefined ? {} : { dataDir }),
			...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
		});
	} catch (error) {
		unlock();
		throw error;
	}
	return {
		query: async (text, params) => db.query(text, params as unknown[]),
		transaction: (work) => db.transaction((tx) => work(transactionOf(tx))),
		close: async () => {
			try {
				await db.close();
			} finally {
				unlock();
			}
		},
		dumpDataDir: () => db.dumpDataDir("gzip"),
	};
}
