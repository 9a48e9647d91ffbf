import type { Io } from "./io.ts";
import { UsageError } from "./usage-error.ts";

// Commands are imported when they run: `rugzak simulate` starts its worker threads before the
// heavier modules of the other commands (the law's parsers, the store, the HTTP server) load.
async function usage(): Promise<string> {
	const [
		{ leerkredietUsage },
		{ simulateUsage },
		{ importUsage },
		{ projectionsUsage },
		{ storeUsage },
	] = await Promise.all([
		import("./commands/leerkrediet.ts"),
		import("./commands/simulate.ts"),
		import("./commands/import.ts"),
		import("./commands/projections.ts"),
		import("./commands/store-options.ts"),
	]);
	return `rugzak — lifelong learning accounts and the rules that govern them

${leerkredietUsage}

${simulateUsage}
  rugzak schema [--write DIR]      the JSON Schema of the facts format
${importUsage}
${projectionsUsage}
  rugzak serve [--port 3000] [--demo] [--data-dir DIR] [--reform FILE]
                                   the API and the portal on http://localhost:3000

${storeUsage}

Errors go to stderr as "code: detail"; the exit code is 1 for bad input, 2 for a bad command line.`;
}

/** Runs one command line and returns the exit code; nothing is written to stdout when it fails. */
export async function run(args: string[], io: Io): Promise<number> {
	const [command, ...rest] = args;
	try {
		switch (command) {
			case "leerkrediet": {
				const { leerkredietCommand } = await import("./commands/leerkrediet.ts");
				leerkredietCommand(rest, io);
				return 0;
			}
			case "simulate": {
				// Its worker threads start first, and load their modules while this thread loads its own.
				const { spawnPopulationWorkers } = await import("./population/spawn-workers.ts");
				const spawned = spawnPopulationWorkers(rest);
				try {
					const { simulateCommand } = await import("./commands/simulate.ts");
					await simulateCommand(rest, io, spawned);
				} finally {
					// Those it did not need, or all of them when it failed; the others have ended.
					for (const { worker } of spawned) void worker.terminate();
				}
				return 0;
			}
			case "schema": {
				const { schemaCommand } = await import("./commands/schema.ts");
				schemaCommand(rest, io);
				return 0;
			}
			case "import": {
				const { importCommand } = await import("./commands/import.ts");
				return await importCommand(rest, io);
			}
			case "projections": {
				const { projectionsCommand } = await import("./commands/projections.ts");
				return await projectionsCommand(rest, io);
			}
			case "serve": {
				const { serveCommand } = await import("./commands/serve.ts");
				await serveCommand(rest, io);
				return 0;
			}
			case undefined:
			case "help":
			case "--help":
			case "-h":
				io.stdout.write(`${await usage()}\n`);
				return command === undefined ? 2 : 0;
			default:
				throw new UsageError(`unknown command ${command}\n\n${await usage()}`);
		}
	} catch (error) {
		return report(error, io);
	}
}

async function report(error: unknown, io: Io): Promise<number> {
	const { LawFileNotReadable, UnknownPolicyError } = await import("@rugzak/store/law");
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
	const { PopulationError, UnsupportedPopulationLaw } = await import("@rugzak/rules/population");
	if (error instanceof PopulationError || error instanceof UnsupportedPopulationLaw) {
		io.stderr.write(`${error.code}: ${error.message}\n`);
		return 1;
	}
	const { InputError, LawFileError, ParameterNotInForce } = await import("@rugzak/rules");
	if (error instanceof InputError) {
		for (const issue of error.issues) {
			io.stderr.write(
				`${error.code}: ${issue.factId ?? "input"} ${issue.field}: ${issue.message} [${issue.rule}, ${issue.code}]\n`,
			);
		}
		return 1;
	}
	const { StoreUnavailable } = await import("@rugzak/store");
	if (
		error instanceof LawFileError ||
		error instanceof ParameterNotInForce ||
		error instanceof StoreUnavailable
	) {
		io.stderr.write(`${error.code}: ${error.message}\n`);
		return 1;
	}
	throw error;
}
