import { InputError } from "@rugzak/rules";
import { describe, expect, it } from "vitest";
import { readLines } from "./read-lines.ts";

async function linesOf(chunks: readonly (string | Uint8Array)[]) {
	let bytes = 0;
	const lines = [];
	async function* source() {
		yield* chunks;
	}
	for await (const batch of readLines(source(), (n) => (bytes += n))) lines.push(...batch);
	return { lines, bytes };
}

describe("reading lines", () => {
	it("numbers lines across chunks, drops CRLF's CR, and keeps a last line without newline", async () => {
		const { lines, bytes } = await linesOf(["a\r\nb", "c\n\nd"]);
		expect(lines).toEqual([
			{ line: 1, text: "a" },
			{ line: 2, text: "bc" },
			{ line: 3, text: "" },
			{ line: 4, text: "d" },
		]);
		expect(bytes).toBe(8);
	});

	it("decodes a character split between two chunks", async () => {
		const bytes = new TextEncoder().encode("Zoë\n");
		const { lines } = await linesOf([bytes.subarray(0, 3), bytes.subarray(3)]);
		expect(lines).toEqual([{ line: 1, text: "Zoë" }]);
	});

	it("refuses bytes that are not UTF-8, saying where", async () => {
		const error = await linesOf([
			new TextEncoder().encode("a\n"),
			new Uint8Array([0xff, 0x0a]),
		]).catch((e) => e);
		expect(error).toBeInstanceOf(InputError);
		expect(error.message).toContain("not UTF-8 text (at line 2)");
	});
});
