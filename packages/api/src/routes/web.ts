import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiDependencies, AppEnv } from "../context.ts";

const types: Record<string, string> = {
	".html": "text/html; charset=utf-8",
	".js": "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".svg": "image/svg+xml",
	".png": "image/png",
	".ico": "image/x-icon",
	".json": "application/json",
	".woff2": "font/woff2",
};

/** Serves the built portal at `/`, with index.html for the portal's own paths. */
export function webRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	const root = deps.webRoot;
	if (root === undefined || !existsSync(join(root, "index.html"))) return;
	app.get("*", (c) => {
		const path = new URL(c.req.url).pathname;
		if (path.startsWith("/api/")) return c.notFound();
		const file = normalize(join(root, decodeURIComponent(path)));
		if (file.startsWith(root) && extname(file) !== "" && existsSync(file)) {
			return c.body(readFileSync(file), 200, {
				"Content-Type": types[extname(file)] ?? "application/octet-stream",
			});
		}
		return c.html(readFileSync(join(root, "index.html"), "utf8"));
	});
}
