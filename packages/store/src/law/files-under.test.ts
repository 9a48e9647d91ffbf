import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { filesUnder, yamlFilesUnder } from "./files-under.ts";

describe("files under a folder", () => {
	let root: string;
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), "rugzak-files-"));
		for (const path of ["b.yaml", "a/z.yml", "a/notes.md", "a-b.yaml", "a/deeper/c.yaml"]) {
			mkdirSync(join(root, path, ".."), { recursive: true });
			writeFileSync(join(root, path), "");
		}
		mkdirSync(join(root, "empty.yaml"));
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	it("lists every file as a path relative to the folder, sorted as whole paths", () => {
		// "a-b.yaml" sorts before "a/…" ("-" comes before "/"), as whole paths sort, though the
		// walk may meet folder a first; a folder, even one named like YAML, is no file.
		expect(filesUnder(root)).toEqual([
			"a-b.yaml",
			"a/deeper/c.yaml",
			"a/notes.md",
			"a/z.yml",
			"b.yaml",
		]);
	});

	it("keeps the YAML files of them", () => {
		expect(yamlFilesUnder(root)).toEqual(["a-b.yaml", "a/deeper/c.yaml", "a/z.yml", "b.yaml"]);
	});
});
