import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { expectAccessible, languages, logInAs, openPortal, wordsOf } from "./journey.ts";
import { type RunningPortal, startPortal } from "./portal-server.ts";

const reform = "rebuild-every-year-not-enrolled";
const screenshots = process.env["RUGZAK_SCREENSHOTS"];

/** The cells of a table by its caption: the header row, then each row's header and cells. */
function tableOf(page: Page, caption: string): Promise<string[][]> {
	return page
		.getByRole("table", { name: caption, exact: true })
		.evaluate((table) =>
			[...table.querySelectorAll("tr")].map((row) =>
				[...row.children].map((cell) => cell.textContent ?? ""),
			),
		);
}

/** A figure as the portal writes it in either language (100.000 or 100,000) as a number. */
const numberOf = (text: string) => Number(text.replace(/[.,\s]/g, "").replace("\u2212", "-"));

describe("the agency's journey: a reform on the demo population (real API and browser)", () => {
	let portal: RunningPortal;
	let browser: Browser;
	let agencyName: string;
	beforeAll(async () => {
		portal = await startPortal();
		browser = await launchBrowser();
		const body = (await (await fetch(`${portal.url}/api/auth/demo-users`)).json()) as {
			users: { name: string; role: string }[];
		};
		agencyName = body.users.find((user) => user.role === "agency")?.name ?? "";
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await portal?.close();
	});

	it.each(languages)(
		"the agency sees a field error, runs the shipped reform, sees both distributions and the figures, and downloads the rows (%s)",
		async (language) => {
			const t = wordsOf(language);
			const page = await openPortal(browser, portal.url, language);
			await logInAs(page, language, agencyName);
			await page.getByRole("link", { name: t("nav.simulation") }).click();
			await page.getByRole("heading", { level: 1, name: t("simulation.title") }).waitFor();

			// A negative initial credit: the reform loader refuses it, and the message sits beside the field.
			await page.getByLabel(t("simulation.reform.parameters")).check();
			const initial = page.getByLabel(t("simulation.parameter.initial"), { exact: true });
			await initial.fill("-5");
			await page.getByRole("button", { name: t("simulation.submit") }).click();
			await expect.poll(() => initial.getAttribute("aria-invalid")).toBe("true");
			const describedBy = (await initial.getAttribute("aria-describedby")) ?? "";
			const message = await page.locator(`#${describedBy.split(" ").at(-1)}`).textContent();
			expect(message).toMatch(/>=\s*0/);
			await expectAccessible(page);

			// The demo population (chosen at the start) under the reform the source document reads.
			await page.getByLabel(t("simulation.reform.file")).check();
			await page.getByLabel(t("simulation.reformFile"), { exact: true }).selectOption(reform);
			await page.getByRole("button", { name: t("simulation.submit") }).click();
			const progress = page.getByRole("progressbar");
			await progress.waitFor();
			expect(await progress.getAttribute("aria-valuetext")).toMatch(/^\d+ (procent|percent)$/);
			await page.getByRole("heading", { level: 2, name: t("simulation.result") }).waitFor();

			// The figures for 100,000 learners of seed 1, under the law and under the reform.
			const figures = await tableOf(page, t("simulation.figures"));
			const row = (measure: string) => figures.find((cells) => cells[0] === t(measure as never));
			expect(figures[0]).toEqual([
				t("simulation.measure"),
				t("simulation.law"),
				reform,
				t("simulation.difference"),
			]);
			expect(row("simulation.measure.learners")?.slice(1, 3).map(numberOf)).toEqual([
				100000, 100000,
			]);
			expect(row("simulation.measure.sumOfFinalBalances")?.slice(1, 3).map(numberOf)).toEqual([
				7851592, 7945553,
			]);
			expect(row("simulation.measure.checksum")?.slice(1, 3)).toEqual(["1969967650", "2446690917"]);

			// Both distributions: a legend naming each, and each counting every learner once.
			const distribution = t("simulation.distribution", { width: 20 });
			const chart = page.getByRole("figure").filter({ hasText: distribution });
			expect(await chart.getByRole("listitem").allTextContents()).toEqual([
				` ${t("simulation.law")}`,
				` ${reform}`,
			]);
			expect(await chart.locator("rect.series-baseline").count()).toBeGreaterThan(0);
			expect(await chart.locator("rect.series-reform").count()).toBeGreaterThan(0);
			await chart.getByText(t("simulation.showTable")).click();
			const buckets = (await tableOf(page, distribution)).slice(1);
			const total = (column: number) =>
				buckets.reduce((sum, cells) => sum + numberOf(cells[column] ?? ""), 0);
			expect([total(1), total(2)]).toEqual([100000, 100000]);

			// Exhausted per year up to the horizon; the reform only adds credits (docs/simulation.md:
			// no learner loses), so it never leaves more learners without credit than the law.
			const exhaustedChart = page
				.getByRole("figure")
				.filter({ hasText: t("simulation.exhausted") });
			await exhaustedChart.getByText(t("simulation.showTable")).click();
			const years = (await tableOf(page, t("simulation.exhausted"))).slice(1);
			expect(years.at(-1)?.[0]).toBe("2025-2026");
			for (const [, law, reformed] of years)
				expect(numberOf(reformed ?? "")).toBeLessThanOrEqual(numberOf(law ?? ""));

			const [download] = await Promise.all([
				page.waitForEvent("download"),
				page.getByRole("button", { name: t("simulation.download") }).click(),
			]);
			const lines = readFileSync(await download.path(), "utf8")
				.trimEnd()
				.split("\n");
			expect(
				lines[0]?.startsWith("learner_id,final_balance,baseline_final_balance,difference,"),
			).toBe(true);
			expect(lines).toHaveLength(1 + 100000);
			const finals = lines.slice(1).reduce((sum, line) => sum + Number(line.split(",")[1]), 0);
			expect(finals).toBe(7945553);
			await expectAccessible(page);
			if (screenshots)
				await page.screenshot({
					path: `${screenshots}/simulation-${language}.png`,
					fullPage: true,
				});
			await page.close();
		},
		60_000,
	);
});
