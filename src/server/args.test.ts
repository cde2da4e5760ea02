import { describe, expect, it } from 'vitest';
import { parseUser, UsageError } from './args';
import { parseServerArgs } from './main';
import { parseSetupArgs } from './setupMain';

describe('sync command arguments', () => {
  it('reads users with their role, a password may hold colons', () => {
    expect(parseUser('ann:se:cret:annotator')).toEqual({ name: 'ann', password: 'se:cret', role: 'annotator' });
    expect(() => parseUser('ann:pw:admin')).toThrow(new UsageError('--user wants name:password:role with role annotator or reviewer, got "ann:pw:admin"'));
    expect(() => parseUser(':pw:reviewer')).toThrow(/--user wants name:password/);
  });

  it('starts the dev server on 127.0.0.1:5984 with the dev admin and the nuclei database by default', () => {
    expect(parseServerArgs(['--data', 'tmp/sync'])).toEqual({ dataDir: 'tmp/sync', host: '127.0.0.1', port: 5984, admin: { name: 'admin', password: 'admin' }, db: 'nuclei', users: [], origins: [] });
    const options = parseServerArgs(['--in-memory', '--port', '0', '--admin', 'root:pw', '--db', 'plate1', '--user', 'a:1:annotator', '--user', 'r:2:reviewer', '--origin', 'https://lab.example.org']);
    expect(options).toMatchObject({ dataDir: null, port: 0, admin: { name: 'root', password: 'pw' }, db: 'plate1', origins: ['https://lab.example.org'] });
    expect(options.users.map((u) => u.role)).toEqual(['annotator', 'reviewer']);
  });

  it('says what is wrong with a command line', () => {
    expect(() => parseServerArgs([])).toThrow(/either --data <dir> \(kept\) or --in-memory/);
    expect(() => parseServerArgs(['--data', 'x', '--in-memory'])).toThrow(/either --data/);
    expect(() => parseServerArgs(['--in-memory', '--port', 'http'])).toThrow('--port wants a port number (0-65535), got "http"');
    expect(() => parseServerArgs(['--in-memory', '--admin', 'root'])).toThrow('--admin wants name:password, got "root"');
    expect(() => parseServerArgs(['--in-memory', '--verbose'])).toThrow(UsageError);
    expect(() => parseSetupArgs(['--admin', 'a:b'])).toThrow(/give the CouchDB server's URL/);
    expect(() => parseSetupArgs(['couch.example.org', '--admin', 'a:b'])).toThrow('"couch.example.org" is not a URL');
    expect(() => parseSetupArgs(['https://couch.example.org'])).toThrow(/--admin name:password is required/);
    expect(() => parseSetupArgs(['https://root:pw@couch.example.org', '--admin', 'root:pw'])).toThrow('give the admin with --admin name:password, not in the URL');
  });

  it('reads a setup command line', () => {
    expect(parseSetupArgs(['https://couch.example.org:6984', '--admin', 'root:pw', '--user', 'ann:x:annotator'])).toEqual({
      url: 'https://couch.example.org:6984/',
      options: { admin: { name: 'root', password: 'pw' }, db: 'nuclei', users: [{ name: 'ann', password: 'x', role: 'annotator' }] },
    });
  });
});
