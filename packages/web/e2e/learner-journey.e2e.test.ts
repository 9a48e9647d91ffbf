import type { LedgerLine } from "@rugzak/rules";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import {
	apiAsUser,
	expectAccessible,
	languages,
	logInAs,
	openPortal,
	statementCell,
	wordsOf,
} from "./journey.ts";
import { type RunningPortal, startPortal } from "./portal-server.ts";

const screenshots = process.env["RUGZAK_SCREENSHOTS"];

describe(`a learner's journey through the portal (real API and browser)`, () => {
	let portal: RunningPortal;
	let browser: Browser;
	beforeAll(async () => {
		portal = await startPortal();
		browser = await launchBrowser();
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await portal?.close();
	});

	it.each(languages)(
		"Thomas sees 140 after 2019-2020, opens a line's explanation and plans a year (%s)",
		async (language) => {
			const t = wordsOf(language);
			const page = await openPortal(browser, portal.url, language);
			await logInAs(page, language, "Thomas");

			const heading = page.getByRole("heading", { level: 1 });
			await expect.poll(() => heading.textContent()).toContain(t("backpack.pageTitle"));
			// Focus moves to the new page's heading, so keyboard users start at the top of the page.
			await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
			await page.locator("table.statement").waitFor();
			expect(await statementCell(page, t("statement.end"), "2019-2020")).toBe("140");
			expect(await statementCell(page, t("statement.start"), "2016-2017")).toBe("140");

			const { ledger } = await apiAsUser<{ ledger: LedgerLine[] }>(
				page,
				"/api/learners/thomas/leerkrediet/ledger",
			);
			// The first line that used law values (the initial 140 and the bonus of 60, rule R2).
			const line = ledger.find((candidate) => candidate.parameters.length > 0) as LedgerLine;
			const toggle = page.getByRole("button", {
				name: `${t("ledger.explain")} ${t("ledger.lineNumber", { number: line.sequence })}`,
				exact: true,
			});
			await toggle.focus();
			await page.keyboard.press("Enter");
			expect(await toggle.getAttribute("aria-expanded")).toBe("true");
			const explanation = page.locator(`#${await toggle.getAttribute("aria-controls")}`);
			expect(await explanation.locator(".sentence").textContent()).toBe(line.text[language]);
			expect(await explanation.textContent()).toContain(line.ruleTitle[language]);
			for (const parameter of line.parameters) {
				expect(await explanation.textContent()).toContain(parameter.name);
				expect(await explanation.textContent()).toContain(parameter.reference);
			}
			const firstSource = line.sources[0];
			if (firstSource) {
				expect(
					await explanation.getByRole("link", { name: firstSource.label }).getAttribute("href"),
				).toBe(firstSource.url);
			}

			await page.getByLabel(t("whatIf.registered")).fill("60");
			await page.getByLabel(t("whatIf.passed")).fill("45");
			await page.getByRole("button", { name: t("whatIf.submit") }).click();
			// Thomas used his whole bonus, so 60 invested and 45 earned back leave 15 fewer.
			const total = t("whatIf.total", { before: "140", after: "125", change: "\u221215" });
			await page.getByText(total).waitFor();
			await expectAccessible(page);
			if (screenshots) {
				// The whole backpack with the opened line; one year of the ledger keeps the picture readable.
				await page.getByLabel(t("ledger.filter")).selectOption("2016-2017");
				await page.screenshot({
					path: `${screenshots}/backpack-${language}.png`,
					fullPage: true,
				});
			}
			await page.close();
		},
		60_000,
	);
});
