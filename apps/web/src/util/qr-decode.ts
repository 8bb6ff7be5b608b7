/**
 * Reading a QR code from an image (a pasted screenshot, an uploaded file, a camera frame). The
 * decoder is loaded the first time it is needed (it is most of the app's weight otherwise).
 */

/** Largest side an image is scaled down to before decoding (keeps big screenshots fast). */
const MAX_SIDE = 1024;

/** The QR code's text in the pixels, or null when none is found. */
export async function decodeQrPixels(data: Uint8ClampedArray, width: number, height: number): Promise<string | null> {
  const { default: jsQR } = await import('jsqr');
  const code = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' });
  return code === null ? null : code.data;
}

/** The QR code's text in an image file or blob, or null when there is none. */
export async function decodeQrImage(blob: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(blob);
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx === null) return null;
    ctx.drawImage(bitmap, 0, 0, width, height);
    return decodeQrPixels(ctx.getImageData(0, 0, width, height).data, width, height);
  } finally {
    bitmap.close();
  }
}
