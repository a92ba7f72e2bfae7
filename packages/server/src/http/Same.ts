/**
 * Kept only while `http/routes/commands.ts` (being rewritten) imports it from
 * here: `Same` is declared once, in `@kenes/shared` (`same.ts`). Import it
 * from there; delete this file when nothing imports it.
 */
export type { Same } from '@kenes/shared';
