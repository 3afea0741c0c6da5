/** Sizes dossier refuses to go past, in one place so small modules (the read worker) need not load the parser. */

/** A record file larger than this is reported, not read. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
