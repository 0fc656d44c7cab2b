// Types of precompress.mjs for the TypeScript that imports it (publishing a remote).
export declare const PRECOMPRESS_FROM_BYTES: number;
export declare const PRECOMPRESSIBLE: RegExp;
export declare function precompressFolder(dir: string, options?: { onlyMissing?: boolean }): number;
