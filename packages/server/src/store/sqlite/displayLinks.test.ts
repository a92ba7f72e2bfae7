import { describeDisplayLinkStoreContract } from '../displayLinks.contract.js';
import { openTestStore } from '../../test-support/openTestStore.js';

// The display-link contract on SQLite; Postgres runs the same suite (postgres.test.ts finds it).
describeDisplayLinkStoreContract('sqlite', openTestStore);
