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
} from './sync/seams.js';
export type { SyncOrigin } from './sync/origin.js';
