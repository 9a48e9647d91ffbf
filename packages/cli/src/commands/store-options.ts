import { defaultDataDir, type StoreOptions } from "@rugzak/store";
import type { Io } from "../io.ts";

export const storeUsage = `The store is PostgreSQL at DATABASE_URL when it is set, else embedded in --data-dir
(default RUGZAK_DATA_DIR, else ${defaultDataDir}).`;

/** Which store a command uses: DATABASE_URL's server, else PGlite in the data folder. */
export function storeOptions(dataDir: string | undefined, io: Io): StoreOptions {
	return {
		databaseUrl: io.env["DATABASE_URL"] || undefined,
		dataDir: dataDir ?? io.env["RUGZAK_DATA_DIR"] ?? defaultDataDir,
		env: io.env,
	};
}
