/** Another writer appended to the learner first: the caller read an older version (HTTP 409). */
export class ConcurrencyError extends Error {
	override readonly name = "ConcurrencyError";
	readonly code = "version-conflict";
	readonly expected: number;
	readonly actual: number;

	constructor(expected: number, actual: number) {
		super(`expected version ${expected}, but the learner's log is at version ${actual}`);
		this.expected = expected;
		this.actual = actual;
	}
}

/** An idempotency key that was used before for a different request (HTTP 409 or 422). */
export class IdempotencyKeyReused extends Error {
	override readonly name = "IdempotencyKeyReused";
	readonly code = "idempotency-key-reused";
	readonly idempotencyKey: string;

	constructor(idempotencyKey: string) {
		super(
			`idempotency key ${idempotencyKey} was used before for a different request; use a new key for a new request`,
		);
		this.idempotencyKey = idempotencyKey;
	}
}
