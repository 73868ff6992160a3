import type { Worker } from 'node:worker_threads';

/** A reader worker started before the CLI bundle loads (early-worker.js); `ready` is false if it failed to load. */
export function startEarlyWorker(file: string): { worker: Worker; ready: Promise<boolean> };
