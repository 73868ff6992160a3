import type { ScalarFunction } from './contract.ts';

export const functions: ScalarFunction[] = [];
