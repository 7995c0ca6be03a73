import { describe, expect, it } from 'vitest';
import { canTraverse, firstUntraversableFolder, foldersAbove, untraversableFolderMessage } from './first-untraversable-folder';

const postgres = { uid: 100, gids: [101] };
const dir = (path: string, mode: number, uid = 0, gid = 0) => ({ path, mode: 0o40000 | mode, uid, gid });

describe('canTraverse', () => {
  it('refuses a folder closed to others (root home, 0700)', () => {
    expect(canTraverse(dir('/root', 0o700), postgres)).toBe(false);
  });
  it('refuses a folder readable but not searchable by others (0754)', () => {
    expect(canTraverse(dir('/x', 0o754), postgres)).toBe(false);
  });
  it('refuses to the owner a folder whose owner bits lack x, even when others have it', () => {
    expect(canTraverse(dir('/x', 0o611, 100), postgres)).toBe(false);
  });
  it('refuses to a group member a folder whose group bits lack x, even when others have it', () => {
    expect(canTraverse(dir('/x', 0o701, 0, 101), postgres)).toBe(false);
  });
  it('allows a folder open to others (0755, 0711)', () => {
    expect(canTraverse(dir('/srv', 0o755), postgres)).toBe(true);
    expect(canTraverse(dir('/srv', 0o711), postgres)).toBe(true);
  });
  it('allows the owner and the group by their own bits', () => {
    expect(canTraverse(dir('/x', 0o700, 100), postgres)).toBe(true);
    expect(canTraverse(dir('/x', 0o710, 0, 101), postgres)).toBe(true);
  });
});

describe('firstUntraversableFolder', () => {
  it('names the topmost closed folder', () => {
    const folders = [dir('/', 0o755), dir('/root', 0o700), dir('/root/keyport', 0o700)];
    expect(firstUntraversableFolder(folders, postgres)?.path).toBe('/root');
  });
  it('is null when every folder is open', () => {
    expect(firstUntraversableFolder([dir('/', 0o755), dir('/srv', 0o755), dir('/srv/keyport', 0o775)], postgres)).toBeNull();
  });
});

describe('foldersAbove', () => {
  it('lists every folder from the root down', () => {
    expect(foldersAbove('/root/keyport/.data')).toEqual(['/', '/root', '/root/keyport', '/root/keyport/.data']);
    expect(foldersAbove('/')).toEqual(['/']);
  });
});

describe('untraversableFolderMessage', () => {
  it('is one sentence saying why and what to do', () => {
    const m = untraversableFolderMessage(dir('/root', 0o700), 'data');
    expect(m).toBe(
      'The embedded PostgreSQL runs as the user "postgres" when Keyport is started as root, and that user cannot enter /root (mode 0700), which holds its data: move the project to a folder every user can enter (e.g. /srv or /opt), start Keyport as a user other than root, or set DATABASE_URL to a PostgreSQL of your own.',
    );
  });
});
