/**
 * The "more" button on a message and the menu it opens (the WAI-ARIA menu button pattern): Enter,
 * Space or ↓ open it on its first item, ↑ on its last; ↑ ↓ Home End move between items; Escape
 * closes it and returns to the button; choosing an item, Tab or a click elsewhere closes it.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent, RefObject } from 'react';
import { Icon } from '../common/Icon.tsx';
import type { IconName } from '../common/Icon.tsx';

export interface MessageMenuItem {
  readonly label: string;
  readonly icon: IconName;
  /** A destructive action (shown in the danger colour). */
  readonly danger?: boolean;
  readonly onSelect: () => void;
}

export interface MessageMenuProps {
  /** The button's accessible name, e.g. "More actions". */
  readonly label: string;
  /** Id of the element the button and menu are about (the message's text). */
  readonly describedBy: string;
  readonly items: readonly MessageMenuItem[];
  /** The "more" button, for callers that return focus to it. */
  readonly buttonRef: RefObject<HTMLButtonElement | null>;
}

type Opening = 'first' | 'last' | null;

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu === null ? [] : [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
}

/** Index of the item a key moves to from `current`, or null when the key is not a move. */
function nextIndex(key: string, current: number, count: number): number | null {
  if (key === 'ArrowDown') return (current + 1) % count;
  if (key === 'ArrowUp') return (current - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/** Closes the menu on a pointer press outside `root` while it is open. */
function useCloseOnOutsidePress(root: RefObject<HTMLElement | null>, open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onPress = (e: PointerEvent): void => {
      if (!(e.target instanceof Node) || root.current?.contains(e.target) !== true) close();
    };
    document.addEventListener('pointerdown', onPress);
    return () => document.removeEventListener('pointerdown', onPress);
  }, [root, open, close]);
}

export function MessageMenu({ label, describedBy, items, buttonRef }: MessageMenuProps) {
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<Opening>(null);
  const open = opening !== null;
  const close = useCallback(() => setOpening(null), []);
  useCloseOnOutsidePress(root, open, close);
  useEffect(() => {
    const list = menuItems(menu.current);
    (opening === 'last' ? list[list.length - 1] : list[0])?.focus();
  }, [opening]);

  const closeToButton = (): void => {
    setOpening(null);
    buttonRef.current?.focus();
  };
  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    setOpening(e.key === 'ArrowUp' ? 'last' : 'first');
  };
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      closeToButton();
      return;
    }
    const list = menuItems(menu.current);
    const to = nextIndex(e.key, list.findIndex((el) => el === document.activeElement), list.length);
    if (to === null) return;
    e.preventDefault();
    list[to]?.focus();
  };
  // Tab (or anything else) taking focus out of the button and its menu closes the menu.
  const onBlur = (e: FocusEvent<HTMLDivElement>): void => {
    if (e.relatedTarget instanceof Node && root.current?.contains(e.relatedTarget) !== true) close();
  };
  const choose = (item: MessageMenuItem): void => {
    closeToButton();
    item.onSelect();
  };

  return (
    <div className="message-actions" ref={root} onBlur={onBlur}>
      <button
        type="button"
        ref={buttonRef}
        className="message-more"
        aria-label={label}
        aria-describedby={describedBy}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={label}
        onClick={() => setOpening(open ? null : 'first')}
        onKeyDown={onButtonKey}
      >
        <Icon name="more" size={18} />
      </button>
      {open && (
        <div className="message-menu" role="menu" id={menuId} aria-label={label} ref={menu} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <button key={item.label} type="button" role="menuitem" tabIndex={-1} className={item.danger === true ? 'danger' : undefined} onClick={() => choose(item)}>
              <Icon name={item.icon} size={16} /> {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
