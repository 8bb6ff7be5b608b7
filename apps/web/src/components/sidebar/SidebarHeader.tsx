/** Our avatar and name (to the profile), and the ways to the other screens. */
import type { Route } from '../../state/use-route.ts';
import { shortId } from '../../util/session-ids.ts';
import { Avatar } from '../common/Avatar.tsx';
import { Icon } from '../common/Icon.tsx';
import type { IconName } from '../common/Icon.tsx';

interface NavLink {
  readonly name: Route['name'];
  readonly href: string;
  readonly label: string;
  readonly icon: IconName;
}

const LINKS: readonly NavLink[] = [
  { name: 'new', href: '#/new', label: 'New conversation', icon: 'plus' },
  { name: 'network', href: '#/network', label: 'Network', icon: 'network' },
  { name: 'settings', href: '#/settings', label: 'Settings', icon: 'settings' },
];

export interface SidebarHeaderProps {
  readonly sessionId: string;
  readonly displayName: string | null;
  readonly route: Route;
}

export function SidebarHeader({ sessionId, displayName, route }: SidebarHeaderProps) {
  const name = displayName ?? shortId(sessionId);
  return (
    <header className="sidebar-header">
      <a className="me" href="#/profile" aria-current={route.name === 'profile' ? 'page' : undefined}>
        <Avatar id={sessionId} name={name} size={36} />
        <span className="me-text">
          <span className="me-name">{name}</span>
          <span className="me-hint">Your profile</span>
        </span>
      </a>
      <nav aria-label="Main">
        {LINKS.map((link) => (
          <a key={link.name} className="icon-button" href={link.href} aria-label={link.label} title={link.label} aria-current={route.name === link.name ? 'page' : undefined}>
            <Icon name={link.icon} size={20} />
          </a>
        ))}
      </nav>
    </header>
  );
}
