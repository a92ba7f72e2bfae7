/**
 * Stands in for `@tiptap/extension-link` in the client build (vite.config.ts
 * aliases it here). The editor's schema has no links (shared's
 * `editorExtensions`: StarterKit with `link: false`), yet StarterKit imports
 * the extension, and with it linkifyjs, ~13 KiB gzip the room would load for
 * nothing. Should links ever be turned on, this fails at once rather than
 * silently leaving them out.
 */
export const Link = {
  configure(): never {
    throw new Error('Links are off in the client build: remove the alias in vite.config.ts');
  },
};
