import { createContext, useContext, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from './client.js';

const ApiContext = createContext<ApiClient>(createApiClient());

/** Provides the API client to the tree; tests pass one with a fake `fetch`. */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The API client of the nearest {@link ApiProvider} (a real one by default). */
export function useApi(): ApiClient {
  return useContext(ApiContext);
}
