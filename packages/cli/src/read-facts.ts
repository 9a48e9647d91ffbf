import { readFileSync } from "node:fs";
import { type FactsFile, parseFactsJson } from "@rugzak/rules";
import { UsageError } from "./usage-error.ts";

/** Reads and checks a facts file; a missing file is a usage error, a bad one an InputError. */
export function readFacts(path: string): FactsFile {
	let text: string;
	try {
		text = readFileSync(path, "utf8");
	} catch (error) {
		throw new UsageError(
			`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
		);
	}
	return parseFactsJson(text, path);
}
