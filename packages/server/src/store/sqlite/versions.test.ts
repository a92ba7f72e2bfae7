import { describeVersionStoreContract } from '../versions.contract.js';
import { openTestStore } from '../../test-support/openTestStore.js';

// The versions contract on SQLite; postgres.test.ts runs the same suite on Postgres.
describeVersionStoreContract('sqlite', openTestStore);
