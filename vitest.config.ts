import { defineConfig } from "vitest/config";

// Tests import workspace packages through their "source" export condition, so most need no build.
// Those that start a worker thread or the CLI run the compiled files in dist, so run `npm run build`
// first (`npm test` builds with tsc -b): the store's imports in a worker thread, the API's
// simulations, and the CLI's import and simulate tests.
// Vitest hands the ssr conditions to Node as --conditions: "import" there would make CommonJS
// packages (pg, pg-pool) require their ES module builds, so "import" and "require" are left to Node.
export default defineConfig({
	resolve: { conditions: ["source", "node"] },
	ssr: { resolve: { conditions: ["source", "node"] } },
	test: {
		include: [
			"packages/*/src/**/*.test.ts",
			"packages/*/e2e/**/*.e2e.test.ts",
			"bench/**/*.test.ts",
		],
		// Migrates an embedded PGlite database once per run; store tests restore it (~0.7 s each).
		globalSetup: ["packages/store/src/testing/global-setup.ts"],
		typecheck: { enabled: false },
		testTimeout: 30_000,
	},
});
