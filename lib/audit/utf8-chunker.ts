// Encodes a run of short strings as UTF-8 into fixed-size byte chunks, handing each full chunk to
// `emit`. Used by the export so that a batch never becomes one large string: a 600 KB string lives
// in V8's large-object space and stays there until the next full garbage collection, which let
// the exporting process grow by tens of MB of dead batches. Pure.
export interface Utf8Chunker {
  write(text: string): void;
  /** Emits what is buffered, if anything. */
  flush(): void;
}

export function createUtf8Chunker(chunkBytes: number, emit: (chunk: Uint8Array) => void): Utf8Chunker {
  const encoder = new TextEncoder();
  let chunk = new Uint8Array(chunkBytes);
  let used = 0;
  const flush = () => {
    if (used === 0) return;
    emit(chunk.subarray(0, used));
    chunk = new Uint8Array(chunkBytes);
    used = 0;
  };
  return {
    write(text) {
      // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4).
      if (text.length * 3 > chunkBytes - used) flush();
      if (text.length * 3 > chunkBytes) {
        emit(encoder.encode(text));
        return;
      }
      used += encoder.encodeInto(text, chunk.subarray(used)).written;
    },
    flush,
  };
}
