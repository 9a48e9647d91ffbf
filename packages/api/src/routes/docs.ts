import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";

const swaggerRoot = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const assets: Record<string, string> = {
	"swagger-ui.css": "text/css; charset=utf-8",
	"swagger-ui-bundle.js": "text/javascript; charset=utf-8",
	"swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
};

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rugzak API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script></body></html>`;

const init = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout" });`;

/** OpenAPI 3.1 at /openapi.json and interactive docs at /docs, served from this process (no CDN). */
export function docsRoutes(app: OpenAPIHono<AppEnv>): void {
	app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
		type: "http",
		scheme: "bearer",
		bearerFormat: "JWT",
	});
	app.doc31("/openapi.json", {
		openapi: "3.1.0",
		info: {
			title: "rugzak API",
			version: "0.1.0",
			description:
				"Lifelong learning accounts: learners, their facts, the leerkrediet with its explained ledger, registration decisions, institutions and the law in force. Errors are RFC 9457 problem documents.",
		},
	});
	app.get("/docs", (c) => c.html(page));
	app.get("/docs/init.js", (c) =>
		c.body(init, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
	);
	app.get("/docs/assets/:file", (c) => {
		const file = c.req.param("file");
		const type = assets[file];
		if (type === undefined) return c.notFound();
		return c.body(readFileSync(join(swaggerRoot, file)), 200, {
			"Content-Type": type,
			"Cache-Control": "public, max-age=86400",
		});
	});
}
