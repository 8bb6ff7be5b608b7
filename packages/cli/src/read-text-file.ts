/**
 * Reads a small text file from disk with a size bound, so a wrong path (a device, a huge log)
 * cannot exhaust memory. Operating-system errors stay system errors with `context` attached.
 */
import { open } from 'node:fs/promises';
import { HushError } from '@hush/core';
import { withIoContext } from '@hush/client';

function tooLarge(path: string, maxBytes: number): HushError {
  return new HushError('HUSH_ERR_TOO_LARGE', `${path}: larger than ${maxBytes} bytes`, { details: { path, maxBytes } });
}

/** The UTF-8 text of `path`; HUSH_ERR_TOO_LARGE when it has more than `maxBytes` bytes. */
export async function readTextFile(path: string, maxBytes: number, context: string): Promise<string> {
  return withIoContext(context, async () => {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(maxBytes + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > maxBytes) throw tooLarge(path, maxBytes);
      }
      return buffer.subarray(0, length).toString('utf8');
    } finally {
      await handle.close();
    }
  });
}

/** Like readTextFile, but undefined when the file does not exist. */
export async function readTextFileIfExists(path: string, maxBytes: number, context: string): Promise<string | undefined> {
  try {
    return await readTextFile(path, maxBytes, context);
  } catch (err) {
    if (err instanceof Error && (err as { code?: unknown }).code === 'ENOENT') return undefined;
    throw err;
  }
}
