/** Runs `work` holding the lock directory `lock` (waiting while another process holds it). */
export function withBuildLock<T>(lock: string, work: () => Promise<T>): Promise<T>;
