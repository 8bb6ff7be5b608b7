/** A round avatar with initials, coloured per Session ID (decorative: a name is always next to it). */
import { idHue, initials } from '../../util/session-ids.ts';

export function Avatar({ id, name, size = 40 }: { id: string; name: string; size?: number }) {
  return (
    <span className="avatar" aria-hidden="true" data-hue={idHue(id) % 12} style={{ width: size, height: size, fontSize: size * 0.4 }}>
      {initials(name)}
    </span>
  );
}
