import { parse, YAMLParseError } from "yaml";
import type { z } from "zod";
import { LawFileError } from "../errors.ts";

/** A law file's text with the name it is known by, read by the edge (cli, store) and passed in. */
export interface LawFile {
	/** Path relative to its folder, e.g. `leerkrediet/initial.yaml`, or a reform file's name. */
	readonly path: string;
	readonly text: string;
}

/** Parses a YAML law file and checks it against `schema`, or throws LawFileError naming each problem. */
export function parseLawFile<TSchema extends z.ZodType>(
	file: LawFile,
	schema: TSchema,
): z.infer<TSchema> {
	let document: unknown;
	try {
		document = parse(file.text, {
			schema: "core",
			merge: true,
			uniqueKeys: true,
			prettyErrors: true,
		});
	} catch (error) {
		if (error instanceof YAMLParseError) throw new LawFileError(file.path, [error.message]);
		throw error;
	}
	const result = schema.safeParse(document);
	if (!result.success) {
		throw new LawFileError(
			file.path,
			result.error.issues.map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`),
		);
	}
	return result.data;
}
