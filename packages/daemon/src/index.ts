export { startDaemon } from './daemon.ts';
export type { Daemon, DaemonOptions } from './daemon.ts';
export { DAEMON_LIMITS } from './limits.ts';
export type { DaemonLimits } from './limits.ts';
export { ensureWebBuild, DEFAULT_WEB_DIR } from './web-build.ts';
export type { WebBuild, WebBuildOptions } from './web-build.ts';
export type { ClientFactory } from './client-connector.ts';
export type { DaemonEvent, ClientEvent } from './client-events.ts';
export type { AccountState, AccountStatus, ApiErrorBody, CreatedAccount, DaemonHello, Profile, SessionIdCheck } from './api-types.ts';
