import type { Handlers } from './context.js';

/**
 * `version.save`: the document is not written; the command only validates
 * (role, label, meeting state) and hands the label back so the HTTP route can
 * snapshot the document and store the version.
 */
export const versionHandlers: Pick<Handlers, 'version.save'> = {
  'version.save'(_ctx, { label }) {
    return { label };
  },
};
