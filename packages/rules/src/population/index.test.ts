import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** Every module the entry loads, following relative imports, with the bare ones it names. */
function moduleGraph(entry: string) {
	const seen = new Set<string>();
	const bare = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		const text = readFileSync(file, "utf8");
		// `import type` is erased from the JavaScript, so it loads nothing.
		for (const [, specifier] of text.matchAll(
			/^(?:import|export)(?! type )[^;]*?from\s+"([^"]+)"/gms,
		)) {
			if (specifier?.startsWith(".")) visit(join(dirname(file), specifier));
			else if (specifier !== undefined) bare.add(specifier);
		}
	};
	visit(entry);
	return { modules: [...seen], bare: [...bare] };
}

describe("@rugzak/rules/population", () => {
	it("loads no package at all, so that a worker thread starts without zod, yaml or Temporal", () => {
		const entry = join(dirname(fileURLToPath(import.meta.url)), "index.ts");
		const { modules, bare } = moduleGraph(entry);
		expect(bare).toEqual([]);
		// The graph was followed: the shared rule functions are part of it.
		expect(modules.some((file) => file.endsWith("leerkrediet/yearly-rules.ts"))).toBe(true);
	});
});
