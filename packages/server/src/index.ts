/**
 * Public surface of @kenes/server: build the app, start it, open a store.
 * Explicit named exports only.
 */
export { createApp } from './app.js';
export type { AppDeps, KenesApp } from './app.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
export { loadConfig, ConfigError } from './config.js';
export type { Config } from './config.js';
export { createLogger } from './logger.js';
export type { LoggerOptions } from './logger.js';
export { openSqliteStore } from './store/sqlite/index.js';
export { openStore } from './store/openStore.js';
export { openFanout } from './fanout/openFanout.js';
export type { Fanout, FanoutMessage, ReceivedMessage } from './fanout/Fanout.js';
export { Metrics } from './metrics/Metrics.js';
export { createUpgradeAuthorizer } from './auth/upgradeAuthorizer.js';
export { createUpdateGuard } from './guard/createGuard.js';
export { createApi } from './http/api.js';
export type { ApiDeps, ApiKit } from './http/api.js';
export { applyCommand } from './commands/apply.js';
export { runDemoSeed, describeDemo } from './demo/runDemoSeed.js';
export type { SeedResult } from './demo/seedDemo.js';
export type { Store, DocStore, StoredDoc, ClientBinding } from './store/Store.js';
export { RoomRegistry } from './sync/RoomRegistry.js';
export type { SyncConfig } from './sync/SyncConfig.js';
export type {
  Principal,
  UpgradeAuthorizer,
  UpgradeDecision,
  UpdateGuard,
  GuardContext,
  GuardVerdict,
  ConnectionControl,
  RoomAccess,
} from './sync/interfaces.js';
export type { SyncOrigin } from './sync/origin.js';
