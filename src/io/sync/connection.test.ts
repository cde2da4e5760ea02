import { describe, expect, it } from 'vitest';
import { ALLOWED_SYNC_ORIGINS, urlProblem } from './connection';

const PAGE = 'https://annotator.example.org';

describe('which database URLs the app uses', () => {
  it('takes a database on the app’s own origin (a CouchDB proxied under it) and on origins the build admits', () => {
    expect(urlProblem(`${PAGE}/couch/project`, PAGE)).toBeNull();
    for (const origin of ALLOWED_SYNC_ORIGINS) expect(urlProblem(`${origin}/project`, PAGE)).toBeNull();
  });

  it('refuses, by name and reason, what it cannot use', () => {
    expect(urlProblem('couch/project', PAGE)).toBe('“couch/project” is not a URL (e.g. https://couch.example.org/project)');
    expect(urlProblem('ftp://couch.example.org/project', PAGE)).toContain('only http and https servers');
    expect(urlProblem(`${PAGE.replace('https://', 'https://anna:secret@')}/project`, PAGE)).toContain('give the user and password in their own fields');
    expect(urlProblem(`${PAGE}/`, PAGE)).toContain('must name the project’s database'.replace('’', "'"));
    expect(urlProblem('https://elsewhere.example.net/project', PAGE)).toContain('https://elsewhere.example.net is not a sync server this build of the app may connect to');
  });
});
