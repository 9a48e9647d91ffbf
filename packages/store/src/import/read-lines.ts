import { InputError } from "@rugzak/rules";

/** A line of an import file, numbered from 1 as an editor shows it. */
export interface SourceLine {
	readonly line: number;
	readonly text: string;
}

/** Text or bytes as they arrive: a file stream, a request body, or strings in a test. */
export type ImportSource = AsyncIterable<Uint8Array | string>;

/**
 * Splits a stream of UTF-8 into lines, a chunk's worth at a time, and tells `onBytes` how much
 * was read. A trailing `\r` (CRLF files) is dropped; a last line without `\n` still counts.
 */
export async function* readLines(
	source: ImportSource,
	onBytes: (bytes: number) => void,
): AsyncGenerator<SourceLine[]> {
	const decoder = new TextDecoder("utf-8", { fatal: true });
	let rest = "";
	let line = 0;
	const split = (text: string, final: boolean): SourceLine[] => {
		const lines: SourceLine[] = [];
		let start = 0;
		for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
			lines.push({ line: ++line, text: withoutCr(text.slice(start, end)) });
			start = end + 1;
		}
		rest = text.slice(start);
		if (final && rest !== "") lines.push({ line: ++line, text: withoutCr(rest) });
		return lines;
	};
	const decode = (chunk?: Uint8Array) => {
		try {
			return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
		} catch {
			const message = `the file is not UTF-8 text (at line ${line + 1})`;
			throw new InputError([
				{ factId: undefined, field: "(file)", rule: "V2", code: "malformed", message },
			]);
		}
	};
	for await (const chunk of source) {
		const text = typeof chunk === "string" ? chunk : decode(chunk);
		onBytes(typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength);
		yield split(rest + text, false);
	}
	yield split(rest + decode(), true);
}

function withoutCr(text: string): string {
	return text.endsWith("\r") ? text.slice(0, -1) : text;
}
