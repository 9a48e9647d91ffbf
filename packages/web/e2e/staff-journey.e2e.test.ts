import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Language } from "../src/lib/i18n/dictionaries.ts";
import { launchBrowser } from "./browser.ts";
import { expectAccessible, logInAs, openPortal, wordsOf } from "./journey.ts";
import { type RunningPortal, startPortal } from "./portal-server.ts";

/** Each language records in its own academic year, so the two runs share one database without meeting. */
const yearOf: Record<Language, number> = { nl: 2023, en: 2024 };

/** Fills the record form for `kind` by the fields' visible labels and submits it. */
async function record(
	page: Page,
	language: Language,
	kind: string,
	fields: Record<string, string>,
) {
	const t = wordsOf(language);
	await page.getByLabel(t("record.kind")).selectOption(kind);
	for (const [label, value] of Object.entries(fields)) {
		const field = page.getByLabel(label, { exact: true });
		if ((await field.evaluate((element) => element.tagName)) === "SELECT") {
			const option = field.locator("option", { hasText: value }).first();
			await field.selectOption((await option.getAttribute("value")) ?? value);
		} else {
			await field.fill(value);
		}
	}
	await page.getByRole("button", { name: t("record.submit") }).click();
}

/** Waits for the announcement that the fact was recorded, with the balance before and after. */
function recorded(page: Page, language: Language, change: [string, string, string]) {
	const [before, after, difference] = change;
	const text = wordsOf(language)("record.recorded", { before, after, change: difference });
	return page.getByRole("status").getByText(text).waitFor();
}

async function balanceShown(page: Page): Promise<string> {
	return (await page.getByTestId("balance").textContent()) ?? "";
}

describe(`a staff member's journey through the portal (real API and browser)`, () => {
	let portal: RunningPortal;
	let browser: Browser;
	let staffName: string;
	beforeAll(async () => {
		portal = await startPortal();
		browser = await launchBrowser();
		// docs/api.md shows a list; the API answers { users: [...] }. Either will do.
		type User = { name: string; role: string; institution?: string };
		const body = (await (await fetch(`${portal.url}/api/auth/demo-users`)).json()) as
			| User[]
			| { users: User[] };
		const users = Array.isArray(body) ? body : body.users;
		const staff = users.find((user) => user.role === "staff" && user.institution === "kdg");
		staffName = staff?.name ?? "";
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await portal?.close();
	});

	it.each<Language>(["nl", "en"])(
		"KdG staff record a registration and its result, see the balance move, see a field error and check a registration (%s)",
		async (language) => {
			const t = wordsOf(language);
			const year = yearOf[language];
			const academicYear = `${year}-${year + 1}`;
			const page = await openPortal(browser, portal.url, language);
			await logInAs(page, language, staffName);

			await page.getByLabel(t("learners.query")).fill("Thomas");
			await page.getByRole("button", { name: t("learners.search") }).click();
			await page.getByRole("link", { name: "Thomas" }).click();
			await page.getByRole("link", { name: t("tab.record") }).click();
			await expect.poll(() => balanceShown(page)).toBe("140");

			await record(page, language, "enrolment", {
				[t("fact.date")]: `${year}-09-20`,
				[t("fact.data.academicYear")]: academicYear,
				[t("fact.data.institution")]: "KdG",
				[t("fact.data.programme.kind")]: t("programmeKind.bachelor"),
				[t("fact.data.contract")]: t("contract.diploma"),
			});
			await recorded(page, language, ["140", "140", "0"]);

			const registration = (date: string, credits: string) =>
				record(page, language, "registration", {
					[t("fact.date")]: date,
					[t("fact.data.enrolmentId")]: academicYear,
					[t("fact.data.courseUnit.credits")]: credits,
					[t("fact.data.period")]: t("period.semester-1"),
					[t("fact.data.periodStartDate")]: `${year}-09-25`,
				});
			await registration(`${year}-09-20`, "6");
			await recorded(page, language, ["140", "134", "\u22126"]);

			await record(page, language, "result", {
				[t("fact.date")]: `${year + 1}-01-30`,
				[t("fact.data.registrationId")]: `${year}-09-20`,
				[t("fact.data.outcome")]: t("outcome.passed"),
			});
			// Thomas used his whole bonus long ago, so passing gives back exactly the 6 invested.
			await recorded(page, language, ["134", "140", "+6"]);
			expect(await balanceShown(page)).toBe("140");

			// A fractional number of credits: the API refuses it and the message sits beside the field.
			await registration(`${year}-09-21`, "1.5");
			const credits = page.getByLabel(t("fact.data.courseUnit.credits"), { exact: true });
			await expect.poll(() => credits.getAttribute("aria-invalid")).toBe("true");
			const describedBy = (await credits.getAttribute("aria-describedby")) ?? "";
			const message = await page.locator(`#${describedBy.split(" ").at(-1)}`).textContent();
			expect(message).toMatch(/whole|integer|int/i);
			await page.getByRole("alert").getByText(t("error.invalid")).waitFor();
			await expectAccessible(page);
			expect(await balanceShown(page)).toBe("140");

			// 200 credits against a balance of 140: partly covered, 60 credits not covered.
			await page.getByRole("link", { name: t("tab.check") }).click();
			await page.getByLabel(t("decision.date")).fill(`${year + 1}-09-20`);
			await page.getByLabel(t("decision.credits")).fill("200");
			await page.getByRole("button", { name: t("decision.submit") }).click();
			const answer = page.locator("dl.facts-list");
			await answer.waitFor();
			const figures = await answer
				.locator("div")
				.evaluateAll((rows) =>
					Object.fromEntries(
						rows.map((row) => [
							row.querySelector("dt")?.textContent,
							row.querySelector("dd")?.textContent,
						]),
					),
				);
			expect(figures[t("decision.category")]).toBe(t("category.partial"));
			expect(figures[t("decision.uncovered")]).toBe("60");
			expect(figures[t("decision.total")]).toMatch(/€/);
			await expectAccessible(page);
			await page.close();
		},
		90_000,
	);
});
