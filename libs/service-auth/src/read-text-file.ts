import { readFileSync } from 'node:fs';

/** Reads a file as UTF-8; injectable so configuration can be tested without a file system. */
export type ReadTextFile = (path: string) => string;

export const readTextFile: ReadTextFile = (path) => readFileSync(path, 'utf8');

/** The reason a read failed, short: the error code (ENOENT, EACCES) rather than the whole message. */
export const readFailure = (error: unknown): string => (error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : error instanceof Error ? error.message : 'unknown error');
