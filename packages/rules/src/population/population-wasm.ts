/**
 * What the population's WebAssembly modules share: compiling them (once a thread), and telling
 * an instance where the columns are in its memory (`assembly/population-columns.ts`).
 */

/** The part of the WebAssembly API this package uses (the global is in Node and browsers alike). */
interface WebAssemblyApi {
	readonly Module: new (bytes: Uint8Array) => object;
	readonly Instance: new (
		module: object,
		imports: Record<string, Record<string, unknown>>,
	) => { readonly exports: unknown };
	readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/** A WebAssembly memory, whose buffer never changes here: no module grows it. */
export interface WasmMemory {
	readonly buffer: ArrayBuffer;
}

// (The TypeScript library this package compiles with has no types for WebAssembly.)
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

// Compiled once per thread, by their base64.
const compiled = new Map<string, object>();

/** An instance of the module in `base64` on `memory`, with its exports. */
export function instantiateOn(base64: string, memory: WasmMemory): unknown {
	let module = compiled.get(base64);
	if (module === undefined) {
		module = new webAssembly.Module(Uint8Array.from(atob(base64), byteOf));
		compiled.set(base64, module);
	}
	return new webAssembly.Instance(module, { env: { memory } }).exports;
}

const byteOf = (character: string) => character.charCodeAt(0);

/** A memory of `bytes` (rounded up to whole pages), whose pages the system backs only once written. */
export function createMemory(bytes: number): WasmMemory {
	return new webAssembly.Memory({ initial: Math.ceil(bytes / pageBytes) });
}

export const pageBytes = 1 << 16;

/** Where the columns are in a memory, by byte address, and how many rows they hold. */
export interface ColumnAddresses {
	readonly learnerIds: number;
	readonly learnerRowStarts: number;
	readonly years: number;
	readonly contracts: number;
	readonly registered: number;
	readonly earned: number;
	readonly degrees: number;
	readonly rows: number;
}

/** What a module that reads or writes the columns exports to be told where they are. */
export interface PlacesColumns {
	placeColumns(
		learnerIds: number,
		learnerRowStarts: number,
		years: number,
		contracts: number,
		registered: number,
		earned: number,
		degrees: number,
		rows: number,
	): void;
}

/** Tells an instance where the columns are. */
export function placeColumns(wasm: PlacesColumns, at: ColumnAddresses): void {
	wasm.placeColumns(
		at.learnerIds,
		at.learnerRowStarts,
		at.years,
		at.contracts,
		at.registered,
		at.earned,
		at.degrees,
		at.rows,
	);
}
