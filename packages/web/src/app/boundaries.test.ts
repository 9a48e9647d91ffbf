import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const source = join(import.meta.dirname, "..");
const files = readdirSync(source, { recursive: true, encoding: "utf8" }).filter(
	(path) => /\.tsx?$/.test(path) && !path.endsWith(".test.ts"),
);

// STYLE.md §1: web takes only types from other packages, so no server code reaches the bundle.
describe("the portal's imports", () => {
	it.each(files)("%s takes only types from other rugzak packages", (path) => {
		const text = readFileSync(join(source, path), "utf8");
		const imports = [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"(@rugzak\/[^"]+)"/gms)];
		for (const [statement, typeOnly] of imports) expect(typeOnly, statement).toBeDefined();
	});
});
