/** See host-bundle.mjs: the launcher bundle `npm start` runs, rebuilt when its sources change. */
export const BUNDLE_EXTERNALS: readonly string[];
export function hostBundlePaths(root: string): { readonly dir: string; readonly bundle: string; readonly info: string; readonly lock: string };
export function inputsDigest(root: string, inputs: readonly string[]): string | null;
export function currentBundleDigest(root: string): string | null;
export function buildHostBundle(root: string): Promise<string>;
export function ensureHostBundle(root: string, progress?: (line: string) => void): Promise<string>;
export function runHostBundle(root: string): unknown;
