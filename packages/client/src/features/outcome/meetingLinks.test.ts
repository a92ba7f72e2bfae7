import { describe, expect, it } from 'vitest';
import { ROLES, can } from '@kenes/shared';
import { exportUrl } from '../../api/client.js';
import { meetingLinks, meetingPath } from './meetingLinks.js';

describe('meetingLinks', () => {
  it('every member gets the reading pages; only who may read the audit log gets it', () => {
    for (const role of ROLES) {
      const paths = meetingLinks(role).map((l) => l.path);
      expect(paths).toEqual(
        expect.arrayContaining(['minutes', 'stats', 'outcome', 'versions', 'authorship']),
      );
      expect(paths.includes('audit')).toBe(can(role, 'audit.read'));
    }
    expect(meetingLinks('chair').map((l) => l.path)).toContain('audit');
    expect(meetingLinks('participant').map((l) => l.path)).not.toContain('audit');
  });
  it('builds encoded paths', () => {
    expect(meetingPath('a/b')).toBe('/meetings/a%2Fb');
    expect(meetingPath('m1', 'stats')).toBe('/meetings/m1/stats');
  });
});

describe('exportUrl', () => {
  it('carries doc, format, language and time zone', () => {
    expect(
      exportUrl('m1', { doc: 'minutes', format: 'docx', lang: 'kk', timeZone: 'Asia/Almaty' }),
    ).toBe('/api/meetings/m1/export?doc=minutes&format=docx&lang=kk&tz=Asia%2FAlmaty');
    expect(exportUrl('m1', { doc: 'outcome', format: 'md', lang: 'en' })).toBe(
      '/api/meetings/m1/export?doc=outcome&format=md&lang=en',
    );
  });
  it('carries the outcome scope only when it is not the default', () => {
    expect(exportUrl('m1', { doc: 'outcome', format: 'docx', lang: 'ru', scope: 'agreed' })).toBe(
      '/api/meetings/m1/export?doc=outcome&format=docx&lang=ru&scope=agreed',
    );
    expect(exportUrl('m1', { doc: 'outcome', format: 'md', lang: 'en', scope: 'all' })).toBe(
      '/api/meetings/m1/export?doc=outcome&format=md&lang=en',
    );
  });
  it('asks for tracked changes only when told', () => {
    expect(
      exportUrl('m1', {
        doc: 'outcome',
        format: 'docx',
        lang: 'kk',
        scope: 'agreed',
        tracked: true,
      }),
    ).toBe('/api/meetings/m1/export?doc=outcome&format=docx&lang=kk&scope=agreed&tracked=1');
    expect(exportUrl('m1', { doc: 'outcome', format: 'docx', lang: 'en', tracked: false })).toBe(
      '/api/meetings/m1/export?doc=outcome&format=docx&lang=en',
    );
  });
});
