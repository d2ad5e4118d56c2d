// Browser-safe and free of dependencies: the Export button runs it over each chunk it receives.

/**
 * Counts the records that end in a chunk of CSV text as it streams in, across chunk boundaries:
 * a line feed inside a quoted field is part of the field, not the end of a record. Works on
 * bytes (UTF-8 never uses the bytes of `"` or LF inside a multi-byte character), so the browser
 * counts a download's rows without decoding it.
 */
export function csvRecordCounter() {
  let quoted = false;
  let records = 0;
  return {
    /** Adds a chunk; returns the records ended so far. */
    add(chunk: Uint8Array): number {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) records++;
      }
      return records;
    },
  };
}
