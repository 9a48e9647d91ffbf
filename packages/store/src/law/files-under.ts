import { readdirSync } from "node:fs";
import { join } from "node:path";

// Kept apart from law-files.ts, which loads the law's parsers: the CLI's law cache walks the law
// files before every simulation to fingerprint them, and must not pay for the parsers to do so.

/**
 * The files under `folder` (recursively), as paths relative to it with `/` between folders, in
 * sorted order. It walks with `withFileTypes`: Node 20's recursive readdirSync takes several times
 * as long.
 */
export function filesUnder(folder: string): string[] {
	const paths: string[] = [];
	const walk = (at: string, prefix: string) => {
		for (const entry of readdirSync(at, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(join(at, entry.name), `${prefix}${entry.name}/`);
			else paths.push(`${prefix}${entry.name}`);
		}
	};
	walk(folder, "");
	return paths.sort();
}

/** The YAML files under `folder`, as `filesUnder` gives them: the law's parameter files. */
export function yamlFilesUnder(folder: string): string[] {
	return filesUnder(folder).filter((path) => path.endsWith(".yaml") || path.endsWith(".yml"));
}
