/** What a query returns: its rows, as PGlite's `Results` and node-postgres's `QueryResult` both have. */
export interface SqlResult<TRow> {
	readonly rows: TRow[];
}

/** Runs one statement with `$1`-style parameters. */
export interface SqlQueryable {
	query<TRow>(text: string, params?: readonly unknown[]): Promise<SqlResult<TRow>>;
}

/**
 * A transaction: queries, and COPY for bulk writes. PGlite copies from a blob and node-postgres
 * from a stream, so each driver says how; store code only hands over the rows.
 */
export interface SqlTransaction extends SqlQueryable {
	/** Runs a script of statements without parameters, such as a migration. */
	exec(script: string): Promise<void>;
	/** Runs `COPY target FROM …` with `rows` in COPY's text format (`factCopyRow`), or its UTF-8. */
	copyFrom(target: string, rows: string | Uint8Array): Promise<void>;
}

/**
 * The port store code sees: a subset of PGlite's `PGliteInterface` (`query`, `transaction`),
 * plus `close`. `pglite.ts` and `postgres.ts` implement it; only `open-store.ts` picks one.
 */
export interface Sql extends SqlQueryable {
	/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
	transaction<TResult>(work: (tx: SqlTransaction) => Promise<TResult>): Promise<TResult>;
	close(): Promise<void>;
}

// COPY's text format: a tab between columns, a newline after each row, and these escaped.
const copySpecial = /[\\\t\n\r]/g;
const hasCopySpecial = /[\\\t\n\r]/;
const copyEscapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value as COPY's text format writes it: tabs, newlines and backslashes escaped. */
export function copyText(text: string): string {
	// Most values need no escape: testing first spares a new string for each.
	return hasCopySpecial.test(text)
		? text.replace(copySpecial, (c) => copyEscapes[c] as string)
		: text;
}

/**
 * One row in COPY's text format, each value escaped so that tabs and newlines in it stay data.
 * Facts are written by `factCopyRow` (log-tables.ts); this is the reference its test compares to.
 */
export function copyRow(values: readonly (string | number)[]): string {
	let row = "";
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		row +=
			(i === 0 ? "" : "\t") +
			(typeof value === "number" ? String(value) : copyText(value as string));
	}
	return `${row}\n`;
}
