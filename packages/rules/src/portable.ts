/**
 * The number types of portable TypeScript: code that AssemblyScript compiles to WebAssembly as
 * well as tsc to JavaScript (`leerkrediet/yearly-rules.ts`). AssemblyScript has `i32` and `bool`
 * built in; TypeScript reads them as these. A portable file imports them with `import type`, the
 * line that `npm run build:wasm -w @rugzak/rules` leaves out for AssemblyScript.
 */

/** A 32-bit integer in WebAssembly; credits and counts of years fit in it. */
export type i32 = number;
/** A boolean. */
export type bool = boolean;
