import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parameters, policies, readYamlFiles } from "./law.fixture.ts";
import { parameterDefinitions, parameterNames } from "./parameters/parameter-definitions.ts";
import { valueAt } from "./parameters/parameters.ts";

const sourceRoot = new URL(".", import.meta.url).pathname;
const sourceFiles = readdirSync(sourceRoot, { recursive: true, encoding: "utf8" })
	.filter(
		(path) => path.endsWith(".ts") && !path.endsWith(".test.ts") && !path.endsWith(".fixture.ts"),
	)
	.sort();

/** Every number and day of the year that the parameter files hold, i.e. the law's numbers. */
function lawNumbers(): { numbers: Set<number>; days: Set<string> } {
	const numbers = new Set<number>();
	const days = new Set<string>();
	for (const parameter of Object.values(parameters)) {
		for (const { value } of parameter.values) {
			if (typeof value === "number" && value > 2) numbers.add(value);
			if (typeof value === "string" && /^\d\d-\d\d$/.test(value)) days.add(value);
		}
	}
	return { numbers, days };
}

function literalsIn(text: string): { numbers: number[]; strings: string[] } {
	const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
	const numbers: number[] = [];
	const strings: string[] = [];
	const text_ = [
		ts.SyntaxKind.StringLiteral,
		ts.SyntaxKind.NoSubstitutionTemplateLiteral,
		ts.SyntaxKind.TemplateHead,
	];
	// Braces opened since each template's `${`: a `}` that closes a `${` continues the template's text.
	const open: number[] = [];
	for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
		if (token === ts.SyntaxKind.CloseBraceToken && open.at(-1) === 0) {
			token = scanner.reScanTemplateToken(false);
			strings.push(scanner.getTokenValue());
			if (token === ts.SyntaxKind.TemplateTail) open.pop();
			continue;
		}
		if (token === ts.SyntaxKind.NumericLiteral) numbers.push(Number(scanner.getTokenValue()));
		if (text_.includes(token)) strings.push(scanner.getTokenValue());
		if (token === ts.SyntaxKind.TemplateHead) open.push(0);
		else if (token === ts.SyntaxKind.OpenBraceToken && open.length > 0)
			open[open.length - 1] = (open.at(-1) ?? 0) + 1;
		else if (token === ts.SyntaxKind.CloseBraceToken && open.length > 0)
			open[open.length - 1] = (open.at(-1) ?? 1) - 1;
	}
	return { numbers, strings };
}

describe("law values live in parameter files, never in the rules' code", () => {
	const { numbers, days } = lawNumbers();

	it("knows the law's numbers (the check below would check nothing otherwise)", () => {
		expect(numbers).toContain(140);
		expect(numbers).toContain(60);
		expect(numbers).toContain(10);
		expect(days).toContain("11-30");
		expect(sourceFiles.length).toBeGreaterThan(10);
	});

	it.each(sourceFiles)("%s holds no law number", (file) => {
		const { numbers: found, strings } = literalsIn(readFileSync(join(sourceRoot, file), "utf8"));
		expect(found.filter((n) => numbers.has(n))).toEqual([]);
		// A day of the year (`-07-10`) is checked as a day, the other numbers as numbers.
		const dayPattern = /\b\d\d-\d\d\b/g;
		const foundDays = strings.flatMap((s) => s.match(dayPattern) ?? []);
		const words = strings.flatMap((s) => s.replace(dayPattern, " ").match(/\b\d+\b/g) ?? []);
		expect(words.filter((word) => numbers.has(Number(word)))).toEqual([]);
		expect(foundDays.filter((day) => days.has(day))).toEqual([]);
	});
});

describe("every parameter file is well formed and covers the years the rules need", () => {
	it("has a file per parameter, each value with a reference and each unit known", () => {
		const files = readYamlFiles("parameters").map((file) => file.path.replace(/\.yaml$/, ""));
		expect(files.sort()).toEqual([...parameterNames].sort());
		for (const name of parameterNames) {
			expect(parameters[name].unit).toBe(parameterDefinitions[name]);
			for (const value of parameters[name].values)
				expect(value.reference.length).toBeGreaterThan(10);
			const dates = parameters[name].values.map((value) => value.from);
			expect(dates).toEqual([...dates].sort());
		}
	});

	it("holds every leerkrediet value on the first day of every academic year from 2008-2009 to 2026-2027", () => {
		const leerkrediet = parameterNames.filter(
			(name) =>
				!name.startsWith("studiegeld/") && name !== "leerkrediet/surcharge-maximum-per-credit",
		);
		for (let year = 2008; year <= 2026; year++) {
			for (const name of leerkrediet)
				expect(() => valueAt(parameters, name, `${year}-09-01`)).not.toThrow();
		}
	});

	it("holds tuition for 2015-2016 to 2024-2025 and says it does not know 2025-2026", () => {
		for (let year = 2015; year <= 2024; year++) {
			for (const name of [
				"studiegeld/fixed",
				"studiegeld/per-credit",
				"studiegeld/per-credit-near-scholarship",
				"studiegeld/scholarship",
			] as const) {
				expect(valueAt(parameters, name, `${year}-09-01`).value).toBeGreaterThan(0);
			}
		}
		expect(() => valueAt(parameters, "studiegeld/fixed", "2025-09-01")).toThrow(
			/not found|No value/,
		);
	});

	it("ships the policies of KU Leuven, KdG, UAntwerpen and fixed-date institutions (EhB, Odisee)", () => {
		expect([...policies.keys()].sort()).toEqual(
			expect.arrayContaining(["ehb", "kdg", "kuleuven", "odisee", "uantwerpen"]),
		);
		expect(policies.get("kdg")?.versions[0]?.borderDate.rule).toBe("weeks-after-period-start");
		expect(policies.get("ehb")?.versions[0]?.borderDate.rule).toBe("fixed-days");
	});
});
