/**
 * The web messenger in a real browser (Debian's chromium, headless) against a real 6-node devnet:
 * Alice (desktop width, dark) and Bob (360 px, light) create accounts and save their phrases,
 * Alice starts a conversation from Bob's Session ID (typed, then read from a QR picture), Bob accepts her message request, they write both
 * ways and see "Stored on N of N nodes", Alice sets a disappearing timer and Bob sees it, a
 * reload loses nothing, Alice deletes a message for everyone from its "more" menu (a first failure
 * shown next to it, then gone on both pages; Bob tries the menu with the keyboard and cancels), and
 * a third browser restores Alice from her phrase and gets the history from her swarm, without the
 * deleted message. No console errors anywhere; every screen has labelled fields and fits its width
 * (1280 or 360 px); screenshots of the main screens go to test-artifacts/web/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { startDevnet, type Devnet } from '@hush/devnet';
import { startDaemon, type Daemon } from '../src/index.ts';
import { CHROMIUM, backToList, launchChromium, openChat, openPerson, screen, type Person } from './browser-helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'hush-web-app-'));
const basePort = 10_000 + Math.floor(Math.random() * 20_000);
const DELIVERY_MS = 30_000;
let devnet: Devnet | undefined;
let browser: Browser | undefined;
const daemons: Daemon[] = [];
const people: Person[] = [];

async function daemonFor(name: string): Promise<Daemon> {
  assert.ok(devnet);
  const daemon = await startDaemon({ dataDir: join(root, name), network: devnet.devnetFile });
  daemons.push(daemon);
  return daemon;
}

before(async () => {
  if (!existsSync(CHROMIUM)) return;
  devnet = await startDevnet({ nodes: 6, dir: join(root, 'devnet'), basePort, log: () => {}, readyTimeoutMs: 90_000, stopGraceMs: 3_000 });
  await daemonFor('alice'); // builds the web app if needed, once
  await Promise.all([daemonFor('bob'), daemonFor('alice-restored')]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await Promise.all(daemons.map((d) => d.stop()));
  await devnet?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function person(name: string, daemon: Daemon, width: number, scheme: 'dark' | 'light'): Promise<Person> {
  assert.ok(browser);
  const p = await openPerson(browser, name, daemon.url, width, scheme);
  people.push(p);
  return p;
}

/** Creates the account through onboarding; returns its recovery phrase as shown. */
async function createAccount(p: Person, displayName: string): Promise<string> {
  const { page } = p;
  await page.getByRole('heading', { name: 'Welcome to Hush' }).waitFor();
  await screen(p, '01-welcome');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Display name').press('Enter');
  const words = page.getByRole('list', { name: 'Recovery phrase' }).locator('.phrase-word');
  await words.nth(12).waitFor();
  await screen(p, '02-recovery-phrase');
  assert.equal(await page.getByRole('button', { name: 'Continue' }).isDisabled(), true, 'Continue waits for "I have saved it"');
  const phrase = (await words.allTextContents()).join(' ');
  await page.getByLabel('I have saved my recovery phrase somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  return phrase;
}

async function ownSessionId(p: Person): Promise<string> {
  await p.page.getByRole('link', { name: /Your profile/ }).click();
  const id = (await p.page.getByTestId('own-session-id').textContent())?.trim() ?? '';
  assert.match(id, /^05[0-9a-f]{64}$/);
  await p.page.getByRole('img', { name: 'QR code of your Session ID' }).waitFor();
  await screen(p, '04-profile');
  await backToList(p);
  return id;
}

function composer(p: Person) {
  return p.page.getByLabel(/^Message to /);
}

/** Sends with the keyboard (Enter) and waits for the swarm's receipts: "Stored on N of N nodes". */
async function sendAndSeeStored(p: Person, text: string): Promise<void> {
  await composer(p).fill(text);
  await composer(p).press('Enter');
  assert.equal(await composer(p).inputValue(), '', 'Enter sent the message and cleared the draft');
  const mine = p.page.locator('.message[data-direction="out"]', { hasText: text });
  const status = mine.locator('.delivery');
  await status.filter({ hasText: /Stored on/ }).waitFor({ timeout: DELIVERY_MS });
  const match = /Stored on (\d+) of (\d+) nodes/.exec((await status.textContent()) ?? '');
  assert.ok(match !== null && Number(match[1]) > 0 && match[1] === match[2], `every swarm member stored it: ${match?.[0]}`);
}

async function seeInLog(p: Person, text: string): Promise<void> {
  await p.page.getByRole('log', { name: 'Messages' }).getByText(text, { exact: true }).waitFor({ timeout: DELIVERY_MS });
}

function bubble(p: Person, text: string) {
  return p.page.getByRole('log', { name: 'Messages' }).locator('.message', { hasText: text });
}

/** Whether the focused element matches `selector`. */
async function focused(p: Person, selector: string): Promise<boolean> {
  return (await p.page.locator(`${selector}:focus`).count()) === 1;
}

/**
 * With the keyboard only: their message has no menu; ours opens with Enter on its first item,
 * the confirm step takes focus on Cancel, and Escape backs out of both to the "more" button.
 */
async function tryDeleteMenuWithKeyboard(p: Person, own: string, theirs: string): Promise<void> {
  assert.equal(await bubble(p, theirs).getByRole('button', { name: 'More actions' }).count(), 0, 'no menu on their messages');
  const more = bubble(p, own).getByRole('button', { name: 'More actions' });
  await more.focus();
  await p.page.keyboard.press('Enter');
  await p.page.getByRole('menu', { name: 'More actions' }).waitFor();
  assert.equal(await focused(p, '[role="menuitem"]'), true, 'the menu opens on its first item');
  await screen(p, '15-message-menu');
  await p.page.keyboard.press('Escape');
  await p.page.getByRole('menu').waitFor({ state: 'detached' });
  assert.equal(await focused(p, '.message-more[aria-expanded="false"]'), true, 'Escape closes the menu and returns to its button');
  await p.page.keyboard.press('ArrowDown');
  await p.page.keyboard.press('Enter');
  const confirm = bubble(p, own).getByRole('group', { name: 'Delete this message for everyone?' });
  await confirm.waitFor();
  assert.equal(await focused(p, '.unsend-panel button'), true, 'the confirm step takes focus');
  assert.equal(await p.page.locator(':focus').textContent(), 'Cancel', 'focus starts on the harmless choice');
  await screen(p, '16-delete-confirm');
  await p.page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'detached' });
  assert.equal(await focused(p, '.message-more'), true, 'Escape cancels and returns to the "more" button');
}

/** Makes the daemon's next DELETE /api/messages/:id fail as if no onion path could be built. */
async function failNextDelete(p: Person): Promise<void> {
  const body = JSON.stringify({ error: { code: 'HUSH_ERR_NO_PATH', message: 'no onion path could be built' } });
  await p.page.route('**/api/messages/*', (route) => (route.request().method() === 'DELETE' ? route.fulfill({ status: 502, contentType: 'application/json', body }) : route.fallback()), { times: 1 });
}

/** Delete for everyone with the mouse: menu, confirm, a failure next to the message, then Try again. */
async function deleteForEveryone(from: Person, to: Person, text: string): Promise<void> {
  const mine = bubble(from, text);
  await mine.hover();
  await mine.getByRole('button', { name: 'More actions' }).click();
  await screen(from, '15-message-menu');
  await from.page.getByRole('menuitem', { name: 'Delete for everyone' }).click();
  const confirm = mine.getByRole('group', { name: 'Delete this message for everyone?' });
  await confirm.waitFor();
  await screen(from, '16-delete-confirm');
  await failNextDelete(from);
  await confirm.getByRole('button', { name: 'Delete for everyone' }).click();
  const failure = mine.getByRole('alert');
  await failure.getByText(/^Not deleted: no onion path could be built\./).waitFor();
  await failure.getByText('No route through the network could be built. Check that the service nodes are running, then retry.').waitFor();
  await screen(from, '17-delete-failed');
  from.errors.splice(0, from.errors.length, ...from.errors.filter((e) => !/status of 502|HTTP 502 DELETE \/api\/messages\/\d+$/.test(e))); // that failure was the point
  await failure.getByRole('button', { name: 'Try again' }).click();
  await mine.waitFor({ state: 'detached', timeout: DELIVERY_MS });
  assert.equal(await focused(from, '[role="log"]'), true, 'focus moves to the messages, not lost with the bubble');
  await bubble(to, text).waitFor({ state: 'detached', timeout: DELIVERY_MS });
}

/**
 * The network panel names each hop of each path with its latency: the guard its round trip from
 * us ("4 ms"), the middle and the exit what they add ("+3 ms"), each spelled out for screen
 * readers; "measuring…" only until the first prefix probes (the panel refreshes every 5 s).
 */
async function seeHopLatencies(p: Person): Promise<void> {
  const paths = p.page.getByRole('list', { name: /^Path \d+ hops$/ });
  await paths.nth(1).waitFor();
  await p.page.locator('.hop-latency', { hasText: 'measuring…' }).first().waitFor({ state: 'detached', timeout: DELIVERY_MS });
  for (const list of await paths.all()) {
    const hops = list.getByTestId('path-hop');
    assert.equal(await hops.count(), 3, 'guard, middle, exit');
    const [guard, middle, exit] = await hops.locator('.hop-latency').allTextContents();
    assert.match(guard ?? '', /^\d+(\.\d)? ms round trip from you$/, 'the guard: its round trip');
    assert.match(middle ?? '', /^\+\d+(\.\d)? ms after the guard, \d+(\.\d)? ms from you$/, 'the middle: what it adds');
    assert.match(exit ?? '', /^\+\d+(\.\d)? ms after the middle, \d+(\.\d)? ms from you$/, 'the exit: what it adds');
    assert.match((await hops.nth(1).textContent()) ?? '', /^Middle\+\d+(\.\d)? ms after/, 'shown as "+N ms" next to the hop’s role');
  }
}

test('two people meet, talk, set a timer, delete a message for everyone; a restored device gets the history', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install chromium)` }, async () => {
  const [alice, bob, restored] = [daemons[0]!, daemons[1]!, daemons[2]!];
  const a = await person('Alice', alice, 1280, 'dark');
  const b = await person('Bob', bob, 360, 'light');

  const alicePhrase = await createAccount(a, 'Alice');
  await createAccount(b, 'Bob');
  await a.page.getByRole('link', { name: 'Start a conversation' }).waitFor();
  await screen(a, '03-empty-list');
  const bobId = await ownSessionId(b);
  await ownSessionId(a);

  // Alice starts a conversation by Session ID, checked as typed.
  await a.page.getByRole('link', { name: 'New conversation' }).click();
  const idField = a.page.getByLabel('Session ID');
  await idField.fill(bobId.slice(0, 30));
  await a.page.getByText('30 of 66 characters: keep typing, or paste the whole ID.').waitFor();
  await idField.fill(`${bobId.slice(0, 30)}xyz`);
  await a.page.getByText('Expected 66 hex characters, got 33.').waitFor();
  await screen(a, '05-new-conversation');
  await idField.fill('');
  const qr = await QRCode.toBuffer(bobId, { type: 'png', width: 300 });
  await a.page.getByLabel('Choose QR picture').setInputFiles({ name: 'bob-qr.png', mimeType: 'image/png', buffer: qr });
  await a.page.getByText('Read the Session ID from the QR code.').waitFor();
  assert.equal(await idField.inputValue(), bobId, 'the QR picture filled in the Session ID');
  await a.page.getByText('Valid Session ID.').waitFor();
  await idField.press('Enter');
  await sendAndSeeStored(a, 'Hello Bob, it is Alice.');

  // Bob finds a message request, opens it and accepts it.
  await b.page.getByRole('button', { name: /Message requests/ }).waitFor({ timeout: DELIVERY_MS });
  await screen(b, '06-message-request');
  await openChat(b, 'Alice');
  await seeInLog(b, 'Hello Bob, it is Alice.');
  assert.equal(await composer(b).isDisabled(), true, 'no reply before accepting');
  await screen(b, '07-request-open');
  await b.page.getByRole('button', { name: 'Accept' }).click();
  await b.page.getByRole('region', { name: 'Message request' }).waitFor({ state: 'detached' });

  // Both ways, in real time; Alice sees Bob typing first.
  await composer(b).pressSequentially('Hi Alice');
  await a.page.getByText('Bob is typing…').waitFor({ timeout: DELIVERY_MS });
  await composer(b).fill('');
  await sendAndSeeStored(b, 'Hi Alice, nice to meet you!');
  await seeInLog(a, 'Hi Alice, nice to meet you!');
  await sendAndSeeStored(a, 'Shall we turn on disappearing messages?');
  await seeInLog(b, 'Shall we turn on disappearing messages?');
  await screen(a, '08-chat');
  await screen(b, '08-chat');

  // Alice sets a disappearing timer; Bob's side follows.
  await a.page.getByRole('button', { name: 'Conversation settings' }).click();
  await a.page.getByLabel(/Disappear after sending/).check();
  await a.page.getByLabel('Delete messages after').selectOption({ label: '1 hour' });
  await a.page.getByRole('button', { name: 'Save' }).click();
  await a.page.getByText('Saved; they were told.').waitFor({ timeout: DELIVERY_MS });
  await screen(a, '09-disappearing');
  await b.page.getByText('1 hour after sending').waitFor({ timeout: DELIVERY_MS });
  await sendAndSeeStored(a, 'This one disappears in an hour.');
  await a.page.locator('.message', { hasText: 'This one disappears in an hour.' }).locator('.expiry').waitFor();

  // A reload loses nothing: the open chat, its messages, a draft.
  await composer(b).fill('a draft kept across a reload');
  await b.page.reload();
  await seeInLog(b, 'This one disappears in an hour.');
  assert.equal(await composer(b).inputValue(), 'a draft kept across a reload');
  await composer(b).fill('');

  // The other screens, at both widths.
  for (const p of [a, b]) {
    await backToList(p);
    await screen(p, '10-conversation-list');
    await p.page.getByRole('link', { name: 'Network' }).click();
    await p.page.getByRole('heading', { name: 'Path 1' }).waitFor({ timeout: DELIVERY_MS });
    await seeHopLatencies(p);
    await screen(p, '11-network');
    await backToList(p);
    await p.page.getByRole('link', { name: 'Settings' }).click();
    await p.page.getByRole('switch', { name: 'Read receipts' }).waitFor();
    await screen(p, '12-settings');
    await p.page.getByRole('switch', { name: 'Read receipts' }).check();
    await p.page.getByRole('switch', { name: 'Read receipts', checked: true }).waitFor();
  }

  // With read receipts on, Alice sees when Bob has read her message.
  await openChat(a, 'Bob');
  await openChat(b, 'Alice');
  await sendAndSeeStored(a, 'Did you read this?');
  await seeInLog(b, 'Did you read this?');
  await a.page.locator('.message', { hasText: 'Did you read this?' }).getByText(/Read \d/).waitFor({ timeout: DELIVERY_MS });
  await screen(a, '12-read-receipt');

  // Delete for everyone: Bob tries the menu with the keyboard and backs out; Alice deletes hers.
  await tryDeleteMenuWithKeyboard(b, 'Hi Alice, nice to meet you!', 'Did you read this?');
  const preview = a.page.getByRole('complementary', { name: 'Conversations' }).getByText('Did you read this?');
  await preview.waitFor();
  await deleteForEveryone(a, b, 'Did you read this?');
  await a.page.getByRole('status').filter({ hasText: 'Message deleted for everyone.' }).waitFor();
  await preview.waitFor({ state: 'detached' }); // the list no longer previews the deleted text

  // A third browser restores Alice from her phrase; the history comes back from her swarm.
  const c = await person('Alice (restored)', restored, 1280, 'light');
  await c.page.getByRole('button', { name: 'I have an account' }).click();
  const words = alicePhrase.split(' ');
  await c.page.getByLabel('Recovery phrase').fill([...words.slice(0, 2), 'qqqq', ...words.slice(3)].join(' '));
  await c.page.getByRole('button', { name: 'Restore account' }).click();
  await c.page.getByRole('alert').filter({ hasText: 'word 3 ("qqqq") is not in the word list' }).getByText('Check the spelling').waitFor();
  await screen(c, '13-restore-typo');
  c.errors.splice(0, c.errors.length, ...c.errors.filter((e) => !/status of 400|HTTP 400 POST \/api\/account\/restore/.test(e))); // that refusal was the point
  await c.page.getByLabel('Recovery phrase').fill(alicePhrase);
  await c.page.getByRole('button', { name: 'Restore account' }).click();
  await openChat(c, 'Bob', 60_000);
  for (const text of ['Hello Bob, it is Alice.', 'Hi Alice, nice to meet you!', 'Shall we turn on disappearing messages?']) await seeInLog(c, text);
  assert.equal(await bubble(c, 'Did you read this?').count(), 0, 'the message deleted for everyone stays deleted on a restored device');
  await screen(c, '14-restored-history');

  assert.deepEqual(people.flatMap((p) => p.errors), [], 'no console errors, exceptions or failed requests');
});
