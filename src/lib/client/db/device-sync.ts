/**
 * The sync pass and the outbox of the database the app opens, for the sync service and the sync
 * panel (the runner and the store take the database as an argument, so the tests run them on
 * databases of their own).
 */
import { syncOnce, type SyncOptions, type SyncTransport } from '../sync/sync-runner';
import { clientDb } from './ibasho-db';
import { exportUnsent } from './sync-store';

/** One sync pass of this device for the account signed in (sync-runner.ts). */
export const syncThisDevice = (transport: SyncTransport, options: SyncOptions) =>
	syncOnce(clientDb(), transport, options);

/** Everything not yet applied on the server, for "save to a file" (sync-store.ts). */
export const exportUnsentHere = () => exportUnsent(clientDb());
