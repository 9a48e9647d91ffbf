import type { ImportRow } from "../facts.fixture.ts";
import { csvColumns } from "./csv-rows.ts";

// Test support: import rows as NDJSON and CSV files.

export function toNdjson(rows: readonly unknown[]): string {
	return rows.map((row) => `${JSON.stringify(row)}\n`).join("");
}

function cell(value: unknown): string {
	if (value === undefined) return "";
	const text = Array.isArray(value) ? value.join(";") : String(value);
	return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as CSV with every column of docs/import.md. */
export function toCsv(rows: readonly ImportRow[]): string {
	const names = Object.keys(csvColumns);
	const lines = rows.map((row) =>
		names
			.map((name) => {
				let value: unknown = row;
				for (const key of csvColumns[name]?.path ?? []) {
					value = (value as Record<string, unknown> | undefined)?.[key];
				}
				return cell(value);
			})
			.join(","),
	);
	return `${[names.join(","), ...lines].join("\n")}\n`;
}

/** A text as an import source arriving in chunks of `size` bytes, as a stream would. */
export async function* chunked(text: string, size = 4096): AsyncGenerator<Uint8Array> {
	const bytes = new TextEncoder().encode(text);
	for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
