import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { moduleGraph } from "../module-graph.fixture.ts";

describe("@rugzak/rules/parameters", () => {
	it("loads zod and yaml but not Temporal or the single-learner engine, so that the law loads fast", () => {
		const entry = join(dirname(fileURLToPath(import.meta.url)), "index.ts");
		const { modules, bare } = moduleGraph(entry);
		expect(bare.sort()).toEqual(["yaml", "zod"]);
		// The graph was followed: the population law is resolved through the engine's law lookup.
		expect(modules.some((file) => file.endsWith("leerkrediet/law.ts"))).toBe(true);
		expect(modules.some((file) => file.endsWith("leerkrediet/compute-account.ts"))).toBe(false);
	});
});
