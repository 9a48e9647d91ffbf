// The law the baselines apply: read from rugzak's parameter files (and a reform file) through
// the public API of @rugzak/rules, resolved per academic year, so that every implementation
// in the bench runs on the same law values and none holds a law number.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { applyReform, parseParameters, parseReform, resolvePopulationLaw } from "@rugzak/rules";

const rulesRoot = dirname(createRequire(import.meta.url).resolve("@rugzak/rules/package.json"));

function parameterFiles() {
	const folder = join(rulesRoot, "parameters");
	return readdirSync(folder, { recursive: true, encoding: "utf8" })
		.filter((path) => path.endsWith(".yaml"))
		.map((path) => ({ path, text: readFileSync(join(folder, path), "utf8") }));
}

/** The population law up to `horizon`, with the reform at `reformPath` applied when given. */
export function loadPopulationLaw({ horizon, reformPath }) {
	const base = parseParameters(parameterFiles());
	if (reformPath === undefined) return resolvePopulationLaw(base, { horizon });
	const reform = parseReform({ path: reformPath, text: readFileSync(reformPath, "utf8") });
	return resolvePopulationLaw(applyReform(base, reform), { horizon, reform: reform.name });
}
