import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One file of Vite's build manifest (`build.manifest`). */
interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** The modules a room's page runs at once: the page and the editor of the texts on screen. */
const ROOM_MODULES = [
  'src/features/meeting/MeetingPage.tsx',
  'src/editor/RecommendationEditor.tsx',
];

/** A room's page: `/meetings/<id>` (its sub-pages load their own code). */
export const ROOM_PAGE = /^\/meetings\/[^/]+\/?$/;

/**
 * The `Link` header of a room's page: its scripts as `modulepreload` and its
 * stylesheets as `preload`, read from the client build's manifest, so the
 * browser fetches them beside the entry script instead of after it ran (the
 * page knew it needed them only then). The entry's own files are in the
 * HTML already and left out. Null without a manifest (a build without one).
 */
export function roomPreloadLink(clientDir: string): string | null {
  const path = join(clientDir, '.vite', 'manifest.json');
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest['index.html'];
  const inHtml = new Set([entry?.file, ...(entry?.imports ?? []).map((k) => manifest[k]?.file)]);
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of ROOM_MODULES) visit(key);
  const links = [
    ...[...scripts].filter((f) => !inHtml.has(f)).map((f) => `</${f}>; rel=modulepreload`),
    ...[...styles].map((f) => `</${f}>; rel=preload; as=style`),
  ];
  return links.length > 0 ? links.join(', ') : null;
}
