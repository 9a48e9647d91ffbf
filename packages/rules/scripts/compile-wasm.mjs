// Compiles the parts of @rugzak/rules written in AssemblyScript (assembly/) to WebAssembly and
// writes each as a TypeScript module that holds its bytes (src/population/*-wasm.ts), so that
// the package needs no compiler to build or run, and stays pure (no file to read at run time).
//
//   npm run build:wasm -w @rugzak/rules          writes the modules
//   npm run build:wasm -w @rugzak/rules -- --check   fails when a module is not its source's build
//
// `population-parser.test.ts` runs the check too, so a change to the source that is not built
// fails the tests.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * What is compiled, and to which module and export; `shared` lists the files of assembly/ that
 * the source imports, and `portable` those of src/, written in portable TypeScript (see
 * src/portable.ts), which tsc compiles too.
 */
export const wasmModules = [
	{
		source: "assembly/population-lines.ts",
		shared: ["assembly/population-columns.ts"],
		portable: [],
		module: "src/population/population-lines-wasm.ts",
		exportName: "populationLinesWasm",
	},
	{
		source: "assembly/population-rules.ts",
		shared: ["assembly/population-columns.ts"],
		portable: ["src/leerkrediet/yearly-rules.ts"],
		module: "src/population/population-rules-wasm.ts",
		exportName: "populationRulesWasm",
	},
];

// Optimised for speed, with no garbage collector (the code allocates nothing), no checks that
// would abort, and the memory given by the caller.
const compilerOptions = { optimizeLevel: 3, runtime: "stub", noAssert: true, importMemory: true };

// A portable file's import of its number types from src/portable.ts, which AssemblyScript has
// built in (and whose `import type` it does not read): left out, line for line, when it compiles.
const portableTypesImport = /^import type \{[^}]*\} from "(\.\.\/)+portable\.ts";$/m;

/** The text of a portable file, as AssemblyScript reads it. */
function portableText(path) {
	const text = readFileSync(`${root}/${path}`, "utf8");
	if (!portableTypesImport.test(text)) {
		throw new Error(`${path} is not portable: it must import its number types from portable.ts`);
	}
	return text.replace(portableTypesImport, "");
}

/** The TypeScript module holding the WebAssembly compiled from `source`. */
export async function compiledModule({ source, shared, portable, exportName }) {
	const sources = {};
	for (const path of [source, ...shared]) sources[path] = readFileSync(`${root}/${path}`, "utf8");
	for (const path of portable) sources[path] = portableText(path);
	const result = await asc.compileString(sources, compilerOptions);
	if (result.error) throw new Error(`${source}: ${result.stderr.toString()}`);
	const base64 = Buffer.from(result.binary).toString("base64");
	const lines = base64.match(/.{1,96}/g) ?? [];
	return `// Generated from ${source} by \`npm run build:wasm -w @rugzak/rules\`: do not edit.
// WebAssembly, in base64.
export const ${exportName} =
${lines.map((line, i) => `\t"${line}"${i < lines.length - 1 ? " +" : ";"}`).join("\n")}
`;
}

/** The modules that are not the build of their source, by path. */
export async function staleModules() {
	const stale = [];
	for (const wasm of wasmModules) {
		const expected = await compiledModule(wasm);
		let actual = "";
		try {
			actual = readFileSync(`${root}/${wasm.module}`, "utf8");
		} catch {}
		if (actual !== expected) stale.push(wasm.module);
	}
	return stale;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (process.argv.includes("--check")) {
		const stale = await staleModules();
		if (stale.length > 0) {
			process.stderr.write(`not built from their source: ${stale.join(", ")}\n`);
			process.exit(1);
		}
	} else {
		for (const wasm of wasmModules) {
			writeFileSync(`${root}/${wasm.module}`, await compiledModule(wasm));
			process.stdout.write(`wrote ${wasm.module}\n`);
		}
	}
}
