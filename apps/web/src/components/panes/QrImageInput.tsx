/** Choose a picture of a QR code; it is decoded here in the browser. */
import { useId } from 'react';
import { decodeQrImage } from '../../util/qr-decode.ts';
import { Icon } from '../common/Icon.tsx';

export function QrImageInput({ onText }: { onText: (text: string | null) => void }) {
  const id = useId();
  return (
    <>
      <input
        id={id}
        type="file"
        accept="image/*"
        className="visually-hidden file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file !== undefined) decodeQrImage(file).then(onText, () => onText(null));
        }}
      />
      <label htmlFor={id} className="button">
        <Icon name="image" /> Choose QR picture
      </label>
    </>
  );
}
