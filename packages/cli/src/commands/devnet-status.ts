/**
 * `hush devnet status [--dir D]`: the nodes listed in D/devnet.json and which of them answer
 * `info` over HTTPS right now. Exit 0 whenever the file can be read (the answer column and the
 * `answering` count say how many are up); HUSH_ERR_NOT_RUNNING when D has no devnet.json.
 */
import { HushError } from '@hush/core';
import { nodeAnswersInfo } from '@hush/devnet';
import type { CommandContext } from '../context.ts';
import { resolveDevnetDir } from '../devnet-dir.ts';
import { readDevnetFile } from '../devnet-file.ts';
import type { DevnetFileDoc } from '../devnet-file.ts';
import { gridTable } from '../grid-table.ts';
import { shellArg } from '../shell-arg.ts';

function summary(dir: string, answering: number, total: number): string {
  if (answering === total) return `All ${total} nodes answer.`;
  const head = `${answering} of ${total} nodes answer.`;
  return answering === 0 ? `${head} The devnet is not running; start it with "hush devnet up --dir ${shellArg(dir)}".` : head;
}

function statusText(dir: string, path: string, doc: DevnetFileDoc, answers: readonly boolean[]): string {
  const rows = doc.nodes.map((n, i) => [String(i), `${n.ip}:${n.port}`, n.swarm, n.pubkeyEd25519, answers[i] === true ? 'yes' : 'no']);
  const count = answers.filter(Boolean).length;
  return [`Devnet ${path}`, `registry ${doc.registry}`, gridTable(['#', 'address', 'swarm', 'pubkey_ed25519', 'answers'], rows), '', summary(dir, count, doc.nodes.length)].join('\n');
}

export async function devnetStatus(ctx: CommandContext): Promise<number> {
  const dir = resolveDevnetDir(ctx);
  const file = await readDevnetFile(dir);
  if (file === undefined) {
    throw new HushError('HUSH_ERR_NOT_RUNNING', `no devnet in ${dir} (no devnet.json); start one with "hush devnet up --dir ${shellArg(dir)}"`, { details: { dir } });
  }
  const { path, doc } = file;
  const answers = await Promise.all(doc.nodes.map((n) => nodeAnswersInfo(n.ip, n.port)));
  const data = {
    dir,
    devnet_file: path,
    registry: doc.registry,
    answering: answers.filter(Boolean).length,
    nodes: doc.nodes.map((n, i) => ({ index: i, ip: n.ip, port: n.port, swarm_id: n.swarm, pubkey_ed25519: n.pubkeyEd25519, pubkey_x25519: n.pubkeyX25519, answers: answers[i] === true })),
  };
  ctx.out.result(data, statusText(dir, path, doc, answers));
  return 0;
}
