import { InputError, LawFileError, ParameterNotInForce } from "@rugzak/rules";
import { LawFileNotReadable, UnknownPolicyError } from "@rugzak/store";
import { importCommand, importUsage } from "./commands/import.ts";
import { leerkredietCommand, leerkredietUsage } from "./commands/leerkrediet.ts";
import { projectionsCommand, projectionsUsage } from "./commands/projections.ts";
import { schemaCommand } from "./commands/schema.ts";
import { storeUsage } from "./commands/store-options.ts";
import type { Io } from "./io.ts";
import { UsageError } from "./usage-error.ts";

export const usage = `rugzak — lifelong learning accounts and the rules that govern them

${leerkredietUsage}
  rugzak schema [--write DIR]      the JSON Schema of the facts format
${importUsage}
${projectionsUsage}
  rugzak serve [--port 3000] [--demo] [--data-dir DIR] [--reform FILE]
                                   the API and the portal on http://localhost:3000

${storeUsage}

Errors go to stderr as "code: detail"; the exit code is 1 for bad input, 2 for a bad command line.`;

/** Runs one command line and returns the exit code; nothing is written to stdout when it fails. */
export async function run(args: string[], io: Io): Promise<number> {
	const [command, ...rest] = args;
	try {
		switch (command) {
			case "leerkrediet":
				leerkredietCommand(rest, io);
				return 0;
			case "schema":
				schemaCommand(rest, io);
				return 0;
			case "import":
				return await importCommand(rest, io);
			case "projections":
				return await projectionsCommand(rest, io);
			case "serve": {
				// Loaded only here: the other commands need no HTTP server.
				const { serveCommand } = await import("./commands/serve.ts");
				await serveCommand(rest, io);
				return 0;
			}
			case undefined:
			case "help":
			case "--help":
			case "-h":
				io.stdout.write(`${usage}\n`);
				return command === undefined ? 2 : 0;
			default:
				throw new UsageError(`unknown command ${command}\n\n${usage}`);
		}
	} catch (error) {
		return report(error, io);
	}
}

function report(error: unknown, io: Io): number {
	if (
		error instanceof UsageError ||
		error instanceof UnknownPolicyError ||
		error instanceof LawFileNotReadable ||
		(error instanceof TypeError &&
			"code" in error &&
			String(error.code).startsWith("ERR_PARSE_ARGS"))
	) {
		io.stderr.write(`usage: ${error.message}\n`);
		return 2;
	}
	if (error instanceof InputError) {
		for (const issue of error.issues) {
			io.stderr.write(
				`${error.code}: ${issue.factId ?? "input"} ${issue.field}: ${issue.message} [${issue.rule}, ${issue.code}]\n`,
			);
		}
		return 1;
	}
	if (error instanceof LawFileError || error instanceof ParameterNotInForce) {
		io.stderr.write(`${error.code}: ${error.message}\n`);
		return 1;
	}
	throw error;
}
