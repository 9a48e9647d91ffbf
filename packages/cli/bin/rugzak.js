#!/usr/bin/env node
// The command's entry: a plain file that exists before the build, so npm can link it on install.
await import("../dist/main.js").catch((error) => {
	if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
	process.stderr.write("rugzak is not built yet: run `npm run build` (npm install does it).\n");
	process.exitCode = 1;
});
