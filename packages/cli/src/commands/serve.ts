import { parseArgs } from "node:util";
import { startServer } from "@rugzak/api";
import {
	defaultIdempotencyKeyRetentionSeconds,
	maxIdempotencyKeyRetentionSeconds,
} from "@rugzak/store";
import type { Io } from "../io.ts";
import { UsageError } from "../usage-error.ts";

// The store's retention of idempotency keys, in hours: its default and its limit of a year.
const hour = 60 * 60;
const defaultKeyHours = defaultIdempotencyKeyRetentionSeconds / hour;
const maxKeyHours = maxIdempotencyKeyRetentionSeconds / hour;

export const serveUsage = `rugzak serve [--port 3000] [--host 127.0.0.1] [--data-dir .rugzak/data] [--demo] [--demo-learners 300] [--reform FILE] [--idempotency-key-hours ${defaultKeyHours}]`;

/** `rugzak serve`: the API and the portal on one port, on PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export async function serveCommand(args: string[], io: Io): Promise<void> {
	const { values } = parseArgs({
		args,
		options: {
			port: { type: "string", default: io.env["PORT"] ?? "3000" },
			host: { type: "string", default: "127.0.0.1" },
			"data-dir": { type: "string" },
			demo: { type: "boolean", default: false },
			"demo-learners": { type: "string", default: "300" },
			reform: { type: "string" },
			"idempotency-key-hours": { type: "string", default: String(defaultKeyHours) },
		},
		strict: true,
	});
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new UsageError(`--port must be a port number, not ${values.port}`);
	const demoLearners = Number(values["demo-learners"]);
	if (!Number.isInteger(demoLearners) || demoLearners < 0 || demoLearners > 100_000)
		throw new UsageError("--demo-learners must be 0 to 100000");
	const keyHours = Number(values["idempotency-key-hours"]);
	if (!(keyHours > 0 && keyHours <= maxKeyHours))
		throw new UsageError(
			`--idempotency-key-hours must be more than 0 and at most ${maxKeyHours} (a year)`,
		);
	const server = await startServer({
		port,
		host: values.host,
		databaseUrl: io.env["DATABASE_URL"] || undefined,
		dataDir: values["data-dir"],
		demo: values.demo,
		demoLearners,
		reform: values.reform,
		idempotencyKeyRetentionSeconds: keyHours * hour,
	});
	io.stderr.write(
		`rugzak is listening on ${server.url}${values.demo ? " (demo users on the login screen)" : ""}\n`,
	);
	const stop = () => {
		void server.close().then(() => process.exit(0));
	};
	process.once("SIGINT", stop);
	process.once("SIGTERM", stop);
}
