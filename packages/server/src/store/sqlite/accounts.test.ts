import { describeAccountStoreContract } from '../accounts.contract.js';
import { openTestStore } from '../../test-support/openTestStore.js';

// The accounts contract on SQLite; Postgres runs the same suite.
describeAccountStoreContract('sqlite', openTestStore);
