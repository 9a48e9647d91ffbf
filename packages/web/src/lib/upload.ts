import { authHeaders, readResponse } from "./api-client.ts";

/**
 * Sends a file as the body of a POST, reporting the share sent (0–1) as it goes; XMLHttpRequest
 * because fetch reports no upload progress. When everything is sent, progress is 1 while the
 * server works. Answers the JSON body, or throws ApiError with the problem document.
 */
export function uploadFile<TBody>(
	path: string,
	file: File,
	options: {
		readonly contentType: string;
		readonly onProgress: (sent: number) => void;
		readonly signal?: AbortSignal | undefined;
	},
): Promise<TBody> {
	const { onProgress, signal } = options;
	return new Promise((resolve, reject) => {
		const request = new XMLHttpRequest();
		request.open("POST", path);
		request.setRequestHeader("Content-Type", options.contentType);
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
			readResponse<TBody>(response).then(resolve, reject);
		};
		request.onerror = () => reject(new TypeError("network error"));
		request.onabort = () => reject(new DOMException("aborted", "AbortError"));
		signal?.addEventListener("abort", () => request.abort());
		request.send(file);
	});
}
