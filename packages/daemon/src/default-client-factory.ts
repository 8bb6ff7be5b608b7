/** The real messenger client, @hush/client's createClient, loaded when the first account starts. */
import type { ClientFactory } from './client-connector.ts';

export const defaultClientFactory: ClientFactory = async (options) => {
  const sdk = await import('@hush/client');
  return sdk.createClient(options);
};
