/**
 * Echo bot: answers every message with "echo: <the message>", accepting message requests.
 *
 *   node --import tsx examples/echo-bot.ts --data-dir ./echo-bot --network .hush-local/devnet/devnet.json
 *
 * The first run creates the bot's account in --data-dir; later runs load it. Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { createClient, MAX_TEXT_CODE_POINTS, type ChatMessage } from '@hush/client';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, network: { type: 'string' } } });
const dataDir = values['data-dir'];
const network = values.network;
if (dataDir === undefined || network === undefined) {
  console.error('usage: node --import tsx examples/echo-bot.ts --data-dir DIR --network devnet.json|registry-url');
  process.exit(2);
}

// The first run makes the bot's account (kept in dataDir, mode 0600); later runs load it.
const client = await createClient({ dataDir, network, createAccount: true });
console.log(`Echo bot ${client.sessionId} is listening (Ctrl-C to stop)`);

/** "echo: " + the text, cut to the longest text a message may carry. */
function echoOf(text: string): string {
  return `echo: ${[...text].slice(0, MAX_TEXT_CODE_POINTS - 6).join('')}`;
}

async function answer(m: ChatMessage): Promise<void> {
  if (client.conversation(m.conversationId)?.state === 'request') await client.acceptRequest(m.conversationId);
  const sent = await client.send(m.conversationId, echoOf(m.text));
  console.log(`echoed to ${m.author.slice(0, 8)}… (stored on ${sent.storedOn} of ${sent.swarmSize} nodes)`);
}

// Answer one message at a time, in the order they arrive.
let queue = Promise.resolve();
client.on('message', (m) => {
  queue = queue.then(() => answer(m)).catch((err: unknown) => console.error(`could not answer ${m.author.slice(0, 8)}…:`, err));
});

async function stop(): Promise<void> {
  console.log('stopping');
  await queue;
  await client.close();
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
