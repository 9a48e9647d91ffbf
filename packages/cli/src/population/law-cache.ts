import { createHash } from "node:crypto";
import {
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
// The light entry, without the law's parsers: this runs before the cache spares loading them.
import { filesUnder, yamlFilesUnder } from "@rugzak/store/files-under";
import type { SimulationLaws } from "./simulate-range.ts";

// Loading the law for a simulation (the YAML parser, zod, every parameter file checked and
// resolved per year) costs about 170 ms of a run of about half a second. Its result depends only on
// the law files and the code that reads them, so it is kept, by a fingerprint of both, in the
// user's cache folder: a run with the same files and the same build reads it back in a few ms.

/** Where cached laws are kept: `RUGZAK_CACHE_DIR` (empty: no cache), else `$XDG_CACHE_HOME/rugzak` or `~/.cache/rugzak`. */
export function lawCacheFolder(
	env: Readonly<Record<string, string | undefined>>,
): string | undefined {
	const named = env["RUGZAK_CACHE_DIR"];
	if (named !== undefined) return named === "" ? undefined : resolve(named);
	const cacheHome = env["XDG_CACHE_HOME"] || join(homedir(), ".cache");
	return join(cacheHome, "rugzak");
}

// Raised when the shape of a cached law changes, so that older entries are never read.
const cacheFormat = "simulation-laws/1";
// Entries kept at most; the oldest go first.
const mostEntries = 64;

const require = createRequire(import.meta.url);
const packageRoot = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * Every module under `folder` (recursively) that can run, with its size and modification time,
 * in path order: compiled JavaScript, not its types, source maps or tests.
 */
function stamps(folder: string): string[] {
	let paths: string[];
	try {
		paths = filesUnder(folder);
	} catch {
		return [`${folder}: missing`];
	}
	return paths.flatMap((path) => {
		if (!path.endsWith(".js") || path.endsWith(".test.js")) return [];
		const stat = statSync(join(folder, path));
		return [`${path} ${stat.size} ${stat.mtimeMs}`];
	});
}

/**
 * The fingerprint of a law: the law files' contents (the shipped parameters and the reform), the
 * horizon, and the build of the code that reads them (each compiled module's size and time, as make
 * and tsc judge a build). Undefined when this code does not run from a build (tests on sources).
 */
function fingerprint(options: { readonly reform: string | undefined; readonly horizon: number }) {
	if (!import.meta.url.includes("/dist/")) return undefined;
	const rules = packageRoot("@rugzak/rules");
	const hash = createHash("sha256");
	hash.update(`${cacheFormat}\n${options.horizon}\n`);
	for (const build of [join(rules, "dist"), join(packageRoot("@rugzak/store"), "dist")]) {
		hash.update(`${build}\n${stamps(build).join("\n")}\n`);
	}
	const parameters = join(rules, "parameters");
	for (const path of yamlFilesUnder(parameters)) {
		hash
			.update(`${path}\n`)
			.update(readFileSync(join(parameters, path)))
			.update("\n");
	}
	if (options.reform !== undefined) {
		// An unreadable reform is not fingerprinted: loading it reports why.
		try {
			hash.update(`reform ${options.reform}\n`).update(readFileSync(resolve(options.reform)));
		} catch {
			return undefined;
		}
	}
	return hash.digest("hex");
}

function isPopulationLaw(value: unknown): boolean {
	const law = value as { firstYear?: unknown; horizon?: unknown; years?: unknown };
	return (
		typeof law === "object" &&
		law !== null &&
		Number.isInteger(law.firstYear) &&
		Number.isInteger(law.horizon) &&
		Array.isArray(law.years) &&
		law.years.length === (law.horizon as number) - (law.firstYear as number) + 1
	);
}

function readCached(file: string): SimulationLaws | undefined {
	try {
		const cached = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
		if (!isPopulationLaw(cached["baseline"])) return undefined;
		if (cached["reform"] !== undefined && !isPopulationLaw(cached["reform"])) return undefined;
		return cached as unknown as SimulationLaws;
	} catch {
		return undefined;
	}
}

function writeCached(folder: string, file: string, laws: SimulationLaws): void {
	try {
		mkdirSync(folder, { recursive: true, mode: 0o700 });
		const partial = `${file}.${process.pid}.tmp`;
		writeFileSync(partial, JSON.stringify(laws), { mode: 0o600 });
		renameSync(partial, file);
		const entries = readdirSync(folder)
			.filter((name) => name.startsWith("law-") && name.endsWith(".json"))
			.map((name) => ({ path: join(folder, name), time: statSync(join(folder, name)).mtimeMs }))
			.sort((a, b) => b.time - a.time);
		for (const old of entries.slice(mostEntries)) rmSync(old.path, { force: true });
	} catch {
		// A cache that cannot be written only makes the next run slower.
	}
}

/**
 * The laws of a simulation: from the cache when the same law files were loaded by the same build
 * before, else loaded by `load` (which checks every file, and throws for a bad one) and kept.
 */
export async function cachedSimulationLaws(
	options: {
		readonly reform: string | undefined;
		readonly horizon: number;
		readonly folder: string | undefined;
	},
	load: () => Promise<SimulationLaws>,
): Promise<SimulationLaws> {
	const key = options.folder === undefined ? undefined : fingerprint(options);
	if (options.folder === undefined || key === undefined) return load();
	const file = join(options.folder, `law-${key}.json`);
	const cached = readCached(file);
	if (cached !== undefined) return cached;
	const laws = await load();
	writeCached(options.folder, file, laws);
	return laws;
}
