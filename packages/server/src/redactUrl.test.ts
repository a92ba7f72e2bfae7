import { describe, expect, it } from 'vitest';
import { redactUrl } from './redactUrl.js';

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('redis://:hunter2@cache:6379/0')).toBe('redis://:***@cache:6379/0');
    expect(redactUrl('postgres://kenes@db/kenes')).toBe('postgres://kenes@db/kenes');
  });

  it('names the setting when the URL cannot be parsed, without echoing it', () => {
    expect(redactUrl('not a url with secret', 'REDIS_URL')).toBe('(unparsable REDIS_URL)');
  });
});
