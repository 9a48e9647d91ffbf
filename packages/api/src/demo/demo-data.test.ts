import { openTestPglite, openTestPostgres, testLaw } from "@rugzak/store/testing";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../logger.ts";
import { seedDemo } from "../server.ts";
import { exampleLearners, syntheticLearners } from "./demo-data.ts";

describe("the demo data", () => {
	it("seeds the examples and 300 synthetic learners, and a rebuild of every projection from the log equals the live ones", async () => {
		const url = process.env["DATABASE_URL"];
		const store = url ? await openTestPostgres(url) : await openTestPglite();
		try {
			const learners = [
				...exampleLearners(),
				...syntheticLearners(300, [...testLaw().policies.keys()].sort()),
			];
			await seedDemo(store, learners, "2026-11-22", silentLogger);
			const ids = learners.map((learner) => learner.id);
			const live = await Promise.all(ids.map((id) => store.readLeerkrediet(id)));
			expect(live.every((projection) => projection !== undefined)).toBe(true);
			expect(live.find((projection) => projection?.learnerId === "thomas")?.balance).toBe(140);
			const { learners: rebuilt } = await store.rebuildProjections();
			expect(rebuilt).toBe(learners.length);
			expect(await Promise.all(ids.map((id) => store.readLeerkrediet(id)))).toEqual(live);
		} finally {
			await store.close();
		}
	}, 120_000);
});
