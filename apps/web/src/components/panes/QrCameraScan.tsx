/**
 * Scan a QR code with the camera (only when the browser has one and allows it): frames are read
 * a few times a second until a code is found; the camera is released at once after.
 */
import { useEffect, useRef, useState } from 'react';
import { decodeQrPixels } from '../../util/qr-decode.ts';
import { Icon } from '../common/Icon.tsx';

const SCAN_INTERVAL_MS = 250;

function scanFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<string | null> | null {
  const { videoWidth: w, videoHeight: h } = video;
  if (w === 0 || h === 0) return null;
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (ctx === null) return null;
  ctx.drawImage(video, 0, 0, w, h);
  return decodeQrPixels(ctx.getImageData(0, 0, w, h).data, w, h);
}

function Scanner({ onText, onClose }: { onText: (text: string) => void; onClose: (error: string | null) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const callbacks = useRef({ onText, onClose });
  callbacks.current = { onText, onClose };
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    const canvas = document.createElement('canvas');
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(
      (s) => {
        stream = s;
        if (video.current === null) return;
        video.current.srcObject = s;
        void video.current.play();
        let busy = false;
        timer = window.setInterval(() => {
          const scan = busy || video.current === null ? null : scanFrame(video.current, canvas);
          if (scan === null) return;
          busy = true;
          void scan.then((text) => {
            busy = false;
            if (text !== null) callbacks.current.onText(text);
          });
        }, SCAN_INTERVAL_MS);
      },
      () => callbacks.current.onClose('The camera could not be opened (no camera, or permission refused).'),
    );
    return () => {
      window.clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <div className="camera">
      <video ref={video} muted playsInline aria-label="Camera view: hold the QR code in front of the camera" />
      <button type="button" className="button small" onClick={() => onClose(null)}>
        Stop camera
      </button>
    </div>
  );
}

export function QrCameraScan({ onText }: { onText: (text: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (navigator.mediaDevices?.getUserMedia === undefined) return null;
  if (open) {
    return (
      <Scanner
        onText={(text) => {
          setOpen(false);
          onText(text);
        }}
        onClose={(err) => {
          setOpen(false);
          setError(err);
        }}
      />
    );
  }
  return (
    <>
      <button type="button" className="button" onClick={() => (setError(null), setOpen(true))}>
        <Icon name="camera" /> Scan with camera
      </button>
      {error !== null && (
        <p className="field-error small" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
