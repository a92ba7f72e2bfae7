import { describeAttributionContract } from '../attribution.contract.js';
import { openTestStore } from '../../test-support/openTestStore.js';

// The attributions contract on SQLite; postgres.test.ts runs the same suite on Postgres.
describeAttributionContract('sqlite', openTestStore);
