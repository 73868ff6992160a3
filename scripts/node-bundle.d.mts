// Types of node-bundle.mjs for the tests that import it.
export function bundleForNode(esbuild: typeof import('esbuild'), options: { root: string; outDir: string; kqlHash?: string }): Promise<void>;
