import { defineConfig } from "vitest/config";

// Tests import workspace packages through their "source" export condition, so a test run needs no build.
export default defineConfig({
	resolve: { conditions: ["source", "import", "node", "default"] },
	ssr: { resolve: { conditions: ["source", "import", "node", "default"] } },
	test: {
		include: [
			"packages/*/src/**/*.test.ts",
			"packages/*/e2e/**/*.e2e.test.ts",
			"bench/**/*.test.ts",
		],
		typecheck: { enabled: false },
		testTimeout: 30_000,
	},
});
