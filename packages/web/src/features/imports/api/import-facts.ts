import { authHeaders, readResponse } from "../../../lib/api-client.ts";

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

/**
 * Uploads a file of facts, reporting the share sent (0–1) as it goes; XMLHttpRequest because fetch
 * reports no upload progress. When everything is sent, progress is 1 while the server works.
 */
export function importFacts(
	file: File,
	onProgress: (sent: number) => void,
	signal?: AbortSignal,
): Promise<ImportAnswer> {
	return new Promise((resolve, reject) => {
		const request = new XMLHttpRequest();
		request.open("POST", "/api/imports");
		request.setRequestHeader("Content-Type", importContentType(file.name));
		request.setRequestHeader("Accept", "application/json");
		for (const [name, value] of Object.entries(authHeaders()))
			request.setRequestHeader(name, value);
		request.upload.onprogress = (event) => {
			if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
		};
		request.upload.onload = () => onProgress(1);
		request.onload = () => {
			const headers = new Headers({
				"Content-Type": request.getResponseHeader("Content-Type") ?? "application/json",
			});
			const response = new Response(request.responseText, { status: request.status, headers });
			readResponse<ImportAnswer>(response).then(resolve, reject);
		};
		request.onerror = () => reject(new TypeError("network error"));
		request.onabort = () => reject(new DOMException("aborted", "AbortError"));
		signal?.addEventListener("abort", () => request.abort());
		request.send(file);
	});
}
