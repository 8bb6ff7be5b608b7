/** `hush node status [--data-dir D | --config FILE] [--json]`: a summary from the node's status port. */
import type { CommandContext } from '../context.ts';
import { locateNode } from '../node-locate.ts';
import { nodeStartOptions } from '../node-options.ts';
import { fetchNodeReport } from '../node-status-fetch.ts';
import { nodeStatusJson, nodeStatusText } from '../node-status-text.ts';

export async function nodeStatus(ctx: CommandContext): Promise<number> {
  const { dataDir } = await nodeStartOptions(ctx);
  const endpoint = await locateNode(dataDir);
  const report = await fetchNodeReport(endpoint);
  ctx.out.result(nodeStatusJson(endpoint, report), nodeStatusText(endpoint, report));
  return 0;
}
