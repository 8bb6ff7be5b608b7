/** `hush contacts`: everyone this account has a conversation with, by name, with its state. */
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { contactJson, contactsTable } from '../conversation-format.ts';
import { withSyncedView } from '../synced-view.ts';

export async function contacts(ctx: CommandContext): Promise<number> {
  return withSyncedView(ctx, async (view) => {
    const list = view.contacts();
    ctx.out.result({ contacts: list.map(contactJson) }, list.length === 0 ? 'No contacts yet.' : contactsTable(list));
    return EXIT_OK;
  });
}
