/** Whether the build (dist/) of the checkout at `root` is at least as new as its src/ and content/ (build-current.js). */
export function buildIsCurrent(root: string): boolean;
