import { parseArgs } from "node:util";
import { openStore } from "@rugzak/store";
import type { Io } from "../io.ts";
import { isoDateOption } from "../options.ts";
import { UsageError } from "../usage-error.ts";
import { storeOptions } from "./store-options.ts";

export const projectionsUsage = `  rugzak projections rebuild [--at DATE] [--data-dir DIR]
                                   recompute every projection from the log: after a law change, or
                                   --at a later day (a new academic year)`;

/** `rugzak projections rebuild`: every learner's projection computed again from the log. */
export async function projectionsCommand(args: string[], io: Io): Promise<number> {
	const [sub, ...rest] = args;
	if (sub !== "rebuild")
		throw new UsageError(`unknown command projections ${sub ?? ""}\n${projectionsUsage}`);
	const { values, positionals } = parseArgs({
		args: rest,
		options: { at: { type: "string" }, "data-dir": { type: "string" } },
		allowPositionals: true,
		strict: true,
	});
	if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
	const at = isoDateOption("at", values.at);
	const store = await openStore(storeOptions(values["data-dir"], io));
	try {
		const { learners } = await store.rebuildProjections({ at });
		io.stdout.write(`rebuilt the projections of ${learners} learners\n`);
		return 0;
	} finally {
		await store.close();
	}
}
