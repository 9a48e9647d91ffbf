import { describe, expect, it } from "vitest";
import { copyRow } from "./sql.ts";

describe("COPY rows", () => {
	it("separates values by tabs and escapes what COPY's text format reads specially", () => {
		expect(copyRow(["a\tb", 7, 'x\\y\n"z"\r'])).toBe('a\\tb\t7\tx\\\\y\\n"z"\\r\n');
	});
});
