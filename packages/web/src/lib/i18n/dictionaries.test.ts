import { describe, expect, it } from "vitest";
import { en, nl, translate } from "./dictionaries.ts";

const placeholders = (text: string) =>
	[...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("dictionaries", () => {
	it("have the same keys in Dutch and English", () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
	});

	it("use the same placeholders in both languages and leave no message empty", () => {
		for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
			expect(nl[key].trim(), key).not.toBe("");
			expect(en[key].trim(), key).not.toBe("");
		}
	});

	it("label the statement's rows with the source tables' Dutch words", () => {
		const rows = ["start", "invested", "earned", "bonus", "refunded", "deducted", "rebuilt", "end"];
		expect(rows.map((row) => nl[`statement.${row}` as keyof typeof nl])).toEqual([
			"Begin",
			"Ingezet",
			"Teruggewonnen",
			"Bonus",
			"Teruggegeven",
			"Afgetrokken",
			"Heropgebouwd",
			"Saldo",
		]);
	});
});

describe("translate", () => {
	it("fills placeholders and leaves unknown ones visible", () => {
		expect(translate(en, "whatIf.total", { before: 140, after: 155, change: "+15" })).toBe(
			"Balance: 140 → 155 (+15)",
		);
		expect(translate(nl, "login.as")).toBe("Aanmelden als {name}");
	});
});
