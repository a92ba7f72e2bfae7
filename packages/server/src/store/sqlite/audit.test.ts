import { describeAuditStoreContract } from '../audit.contract.js';
import { openTestStore } from '../../test-support/openTestStore.js';

// The audit contract on SQLite; Postgres runs the same suite.
describeAuditStoreContract('sqlite', openTestStore);
