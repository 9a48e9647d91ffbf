import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import {
	dictionaries,
	type Language,
	type MessageKey,
	translate,
} from "../src/lib/i18n/dictionaries.ts";

export const languages: readonly Language[] = ["nl", "en"];

/** The portal's own words, so that the journeys read the page as a user in that language does. */
export function wordsOf(language: Language) {
	return (key: MessageKey, values?: Readonly<Record<string, string | number>>) =>
		translate(dictionaries[language], key, values);
}

/** Opens the portal on a new page and switches it to `language` with the header's switch. */
export async function openPortal(browser: Browser, url: string, language: Language): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
	const failures: string[] = [];
	page.on("pageerror", (error) => failures.push(error.message));
	await page.goto(url);
	await page.getByRole("heading", { level: 1, name: wordsOf("nl")("login.title") }).waitFor();
	if (language === "en") await page.getByRole("button", { name: "English" }).click();
	expect(await page.getAttribute("html", "lang")).toBe(language);
	page.on("close", () => expect(failures).toEqual([]));
	return page;
}

/** Logs in with the demo login's button for `name`. */
export async function logInAs(page: Page, language: Language, name: string): Promise<void> {
	await page.getByRole("button", { name: wordsOf(language)("login.as", { name }) }).click();
}

/** The text of the statement cell in the row labelled `row` and the column of `academicYear`. */
export function statementCell(page: Page, row: string, academicYear: string): Promise<string> {
	return page.locator("table.statement").evaluate(
		(table, [rowLabel, year]) => {
			const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
			const column = headers.indexOf(year as string);
			const tr = [...table.querySelectorAll("tbody tr")].find(
				(candidate) => candidate.querySelector("th")?.textContent === rowLabel,
			);
			return tr?.children[column]?.textContent ?? "(no such cell)";
		},
		[row, academicYear],
	);
}

/** Calls the API as the logged-in user, for facts a journey compares the page against. */
export function apiAsUser<TBody>(page: Page, path: string): Promise<TBody> {
	return page.evaluate(async (target) => {
		const session = JSON.parse(sessionStorage.getItem("rugzak.session") ?? "{}");
		const response = await fetch(target, { headers: { Authorization: `Bearer ${session.token}` } });
		return response.json();
	}, path) as Promise<TBody>;
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Runs axe-core's WCAG 2.1 A and AA checks (and its best practices) on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
	await page.addScriptTag({ path: axePath });
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (options: object) => Promise<AxeResult> } })
			.axe;
		const result = await axe.run({ runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] });
		return result.violations.map(
			(violation) => `${violation.id}: ${violation.help} (${violation.nodes.length}×)`,
		);
	});
	expect(violations).toEqual([]);
}

interface AxeResult {
	readonly violations: readonly {
		readonly id: string;
		readonly help: string;
		readonly nodes: readonly unknown[];
	}[];
}
