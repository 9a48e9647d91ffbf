import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import {
	type LawFile,
	type Parameters,
	parseParameters,
	parseReform,
	type Reform,
} from "@rugzak/rules/parameters";
import { yamlFilesUnder } from "./files-under.ts";

const rulesRoot = dirname(createRequire(import.meta.url).resolve("@rugzak/rules/package.json"));

/** The YAML files under `folder` of the rules package (`parameters`, `policies`), in path order. */
export function readRulesYamlFolder(folder: string): LawFile[] {
	const root = join(rulesRoot, folder);
	return yamlFilesUnder(root).map((path) => ({
		path,
		text: readFileSync(join(root, path), "utf8"),
	}));
}

/** A law file named on the command line or by the API (a reform, a policy). */
export function readLawFile(path: string): LawFile {
	try {
		return { path, text: readFileSync(resolve(path), "utf8") };
	} catch (error) {
		throw new LawFileNotReadable(path, (error as NodeJS.ErrnoException).code ?? "error");
	}
}

/** A reform or policy file that cannot be read (missing, not allowed). */
export class LawFileNotReadable extends Error {
	override readonly name = "LawFileNotReadable";
	readonly code = "law-file-not-readable";
	readonly path: string;

	constructor(path: string, reason: string) {
		super(`cannot read ${path}: ${reason}`);
		this.path = path;
	}
}

/** The shipped parameters and, when a path is given, the reform file, both checked. */
export function loadParameters(reformPath: string | undefined): {
	base: Parameters;
	reform: Reform | undefined;
} {
	const base = parseParameters(readRulesYamlFolder("parameters"));
	const reform = reformPath === undefined ? undefined : parseReform(readLawFile(reformPath));
	return { base, reform };
}
