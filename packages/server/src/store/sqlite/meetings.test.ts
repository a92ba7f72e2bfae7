import { describeMeetingStoreContract } from '../meetings.contract.js';
import { openTestStore } from '../../test-support/openTestStore.js';

// The meetings, members, invites and audit contract on SQLite; Postgres runs the same suite.
describeMeetingStoreContract('sqlite', openTestStore);
