import { createHash } from "node:crypto";

/** JSON with object keys sorted, so that equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, nested: unknown) => {
		if (nested === null || typeof nested !== "object" || Array.isArray(nested)) return nested;
		const sorted: Record<string, unknown> = {};
		for (const key of Object.keys(nested).sort()) {
			sorted[key] = (nested as Record<string, unknown>)[key];
		}
		return sorted;
	});
}

/** A SHA-256 of a value's canonical JSON: what an idempotency key's request is compared by. */
export function requestHash(value: unknown): string {
	return createHash("sha256").update(canonicalJson(value)).digest("base64url");
}
