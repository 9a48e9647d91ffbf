import { readFileSync } from "node:fs";

/**
 * The most memory this process has held resident, in bytes, all its threads together: the
 * kernel's high-water mark for this program (`VmHWM`) where there is one (Linux). Not
 * `process.resourceUsage().maxRSS`, which Linux carries over from the parent across the fork and
 * exec that started this process, so that a command run by a large process (a benchmark) would
 * report that process's size.
 */
export function peakMemoryBytes(): number {
	try {
		const highWater = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
		if (highWater) return Number(highWater[1]) * 1024;
	} catch {
		// no /proc: not Linux
	}
	return process.resourceUsage().maxRSS * 1024;
}
