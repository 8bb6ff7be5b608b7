/**
 * Where the app is, kept in the address's fragment (`#/chat/05…`) so a reload opens the same
 * screen: the conversation list, a chat, new conversation, profile, settings or the network panel.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'chat'; readonly id: string; readonly details: boolean }
  | { readonly name: 'new' }
  | { readonly name: 'profile' }
  | { readonly name: 'settings' }
  | { readonly name: 'network' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const chat = /^\/chat\/([0-9a-fA-F]{66})(\/details)?$/.exec(path);
  if (chat?.[1] !== undefined) return { name: 'chat', id: chat[1].toLowerCase(), details: chat[2] !== undefined };
  if (path === '/new') return { name: 'new' };
  if (path === '/profile') return { name: 'profile' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/network') return { name: 'network' };
  return { name: 'home' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'chat':
      return `#/chat/${route.id}${route.details ? '/details' : ''}`;
    case 'home':
      return '#/';
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route).slice(1);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
