import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { StoreUnavailable } from "./errors.ts";

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === "EPERM";
	}
}

/**
 * Takes a PGlite data folder for this process: PGlite has no lock of its own, and two processes
 * writing one folder (`rugzak serve` and `rugzak import`, say) would corrupt it. The lock is a
 * file beside the folder holding the owner's process id; one left by a process that is gone (a
 * crash, a kill) is taken over. Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
	const path = `${dataDir.replace(/[\\/]+$/, "")}.lock`;
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, "wx");
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(path, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
		}
		const owner = Number(readFileSync(path, "utf8"));
		if (Number.isSafeInteger(owner) && owner > 0 && alive(owner)) {
			throw new StoreUnavailable(
				`the data folder ${dataDir} is in use by process ${owner}; stop it or use another data folder (if no rugzak runs there, remove ${path})`,
			);
		}
		rmSync(path, { force: true });
	}
	throw new StoreUnavailable(`cannot take the lock ${path} of the data folder ${dataDir}`);
}
