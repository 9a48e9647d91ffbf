import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API serves dist/ at "/" with an SPA fallback; during development Vite forwards /api to it.
export default defineConfig({
	root: import.meta.dirname,
	plugins: [react()],
	build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
	server: { proxy: { "/api": process.env["RUGZAK_API_URL"] ?? "http://localhost:3000" } },
});
