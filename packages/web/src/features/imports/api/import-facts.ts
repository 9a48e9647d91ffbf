import { uploadFile } from "../../../lib/upload.ts";

/** `POST /api/imports`: how many facts and learners were taken, and the lines refused. */
export interface ImportAnswer {
	readonly facts: number;
	readonly learners: number;
	readonly rejected: readonly { readonly line: number; readonly reason: string }[];
}

/** The content type of an import file, by its name: CSV or (otherwise) NDJSON. */
export function importContentType(fileName: string): "text/csv" | "application/x-ndjson" {
	return fileName.toLowerCase().endsWith(".csv") ? "text/csv" : "application/x-ndjson";
}

/** Uploads a file of facts, reporting the share sent (0–1) as it goes. */
export function importFacts(
	file: File,
	onProgress: (sent: number) => void,
	signal?: AbortSignal,
): Promise<ImportAnswer> {
	return uploadFile("/api/imports", file, {
		contentType: importContentType(file.name),
		onProgress,
		signal,
	});
}
