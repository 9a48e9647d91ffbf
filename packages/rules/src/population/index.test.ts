import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { moduleGraph } from "../module-graph.fixture.ts";

describe("@rugzak/rules/population", () => {
	it("loads no package at all, so that a worker thread starts without zod, yaml or Temporal", () => {
		const entry = join(dirname(fileURLToPath(import.meta.url)), "index.ts");
		const { modules, bare } = moduleGraph(entry);
		expect(bare).toEqual([]);
		// The graph was followed: the rules, WebAssembly built from the shared rule functions, are part of it.
		expect(modules.some((file) => file.endsWith("population/population-rules-wasm.ts"))).toBe(true);
	});
});
