import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Every module an entry loads, following relative imports, with the bare ones it names. */
export function moduleGraph(entry: string): { modules: string[]; bare: string[] } {
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
