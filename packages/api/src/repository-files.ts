import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Files of the repository the service reads, found from this file (src/ or dist/ alike).
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The worked examples of the sources. */
export const examplesFolder = join(repositoryRoot, "examples", "leerkrediet");

/** The population generator of the benchmarks, which also makes the demo data. */
export const populationGenerator = join(repositoryRoot, "bench", "gen-population.mjs");

/** The reform files rugzak ships. */
export const reformsFolder = join(repositoryRoot, "reforms");
