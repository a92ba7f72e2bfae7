import { describePasswordResetStoreContract } from '../passwordResets.contract.js';
import { openTestStore } from '../../test-support/openTestStore.js';

// The password-reset contract on SQLite; Postgres runs the same suite.
describePasswordResetStoreContract('sqlite', openTestStore);
