/** A command line that cannot be carried out as written; the CLI exits with code 2. */
export class UsageError extends Error {
	override readonly name = "UsageError";
}
