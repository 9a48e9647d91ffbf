import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { factsFileSchema, factsSchemaVersion } from "@rugzak/rules";
import { z } from "zod";
import type { Io } from "../io.ts";

/** The published JSON Schema of the facts format, generated from the one zod schema. */
export function factsJsonSchema(): Record<string, unknown> {
	return {
		$id: `urn:rugzak:schema:leerkrediet-facts:v${factsSchemaVersion}`,
		title: `rugzak leerkrediet facts, version ${factsSchemaVersion}`,
		...z.toJSONSchema(factsFileSchema, { target: "draft-2020-12", unrepresentable: "any" }),
	};
}

/** `rugzak schema [--write DIR]`: prints the JSON Schema, or writes it where docs/schema expects it. */
export function schemaCommand(args: string[], io: Io): void {
	const { values } = parseArgs({ args, options: { write: { type: "string" } }, strict: true });
	const text = `${JSON.stringify(factsJsonSchema(), null, 2)}\n`;
	if (values.write === undefined) {
		io.stdout.write(text);
		return;
	}
	mkdirSync(values.write, { recursive: true });
	const path = join(values.write, `leerkrediet-facts.v${factsSchemaVersion}.json`);
	writeFileSync(path, text);
	io.stdout.write(`wrote ${path}\n`);
}
