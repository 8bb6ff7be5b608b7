/**
 * Browser-test helpers: Debian's chromium driven by playwright-core (never `playwright install`),
 * one context per person, console errors collected, screenshots saved as test artifacts, and
 * page-level checks (every form field labelled, no sideways scrolling).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land here (gitignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../../test-artifacts/web', import.meta.url));

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export interface Person {
  readonly name: string;
  readonly page: Page;
  /** Console errors and uncaught exceptions seen on this page. */
  readonly errors: string[];
  readonly width: number;
}

export async function openPerson(browser: Browser, name: string, url: string, width: number, colorScheme: 'dark' | 'light'): Promise<Person> {
  const context = await browser.newContext({ viewport: { width, height: 780 }, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${name}: console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${name}: exception: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${name}: HTTP ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  await page.goto(url);
  return { name, page, errors, width };
}

/**
 * Saves a screenshot of the screen as it is, after checking what any screen must get right: every
 * form field has a label, and nothing is wider than the window.
 */
export async function screen(person: Person, name: string): Promise<void> {
  assert.deepEqual(await unlabelledFields(person.page), [], `${person.name}, ${name}: every field has a label`);
  assert.equal(await overflowsSideways(person.page), false, `${person.name}, ${name}: fits ${person.width} px`);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await person.page.screenshot({ path: join(ARTIFACTS_DIR, `${name}-${person.width}px.png`) });
}

// Run in the page (as source text: this package is type-checked without the DOM library).
const UNLABELLED_FIELDS = `[...document.querySelectorAll('input, textarea, select')]
  .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map((el) => el.outerHTML.slice(0, 120))`;
const OVERFLOWS_SIDEWAYS = 'document.documentElement.scrollWidth > window.innerWidth + 1';

/** Form fields (inputs, text areas, selects) without an accessible name: none should exist. */
export function unlabelledFields(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(UNLABELLED_FIELDS);
}

/** Whether the page is wider than its viewport (content cut off or scrolling sideways). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(OVERFLOWS_SIDEWAYS);
}

/** On a narrow screen the list and the pane are separate views: back to the list. */
export async function backToList(person: Person): Promise<void> {
  const back = person.page.getByRole('link', { name: 'Back to conversations' });
  if (await back.isVisible()) await back.click();
}

/** Opens the conversation with `name` from the sidebar's list. */
export async function openChat(person: Person, name: string, timeout = 30_000): Promise<void> {
  await backToList(person);
  await person.page.getByRole('complementary', { name: 'Conversations' }).getByRole('link', { name: new RegExp(name) }).click({ timeout });
}
