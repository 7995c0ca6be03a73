// Started as root, the embedded PostgreSQL runs as the `postgres` user (PostgreSQL refuses to run
// as root), which must be able to enter every folder above its binaries and its data. A folder
// in root's home (mode 0700) stops it; this names the first such folder before initdb is spawned.
// Pure: takes the folders' owners and modes, as stat(2) gives them.

export interface FolderStat {
  path: string;
  uid: number;
  gid: number;
  mode: number;
}

export interface Identity {
  uid: number;
  gids: readonly number[];
}

/** Search ("x") permission on a directory as POSIX checks it: owner bits, else group bits, else other bits. */
export function canTraverse(folder: FolderStat, who: Identity): boolean {
  if (folder.uid === who.uid) return (folder.mode & 0o100) !== 0;
  if (who.gids.includes(folder.gid)) return (folder.mode & 0o010) !== 0;
  return (folder.mode & 0o001) !== 0;
}

/** The first folder, from the top down, that `who` cannot enter; null when every one is open. */
export function firstUntraversableFolder(folders: readonly FolderStat[], who: Identity): FolderStat | null {
  return folders.find((f) => !canTraverse(f, who)) ?? null;
}

/** Every folder from `/` down to `dir`, `dir` included. */
export function foldersAbove(dir: string): string[] {
  const parts = dir.split('/').filter(Boolean);
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}

/** The one sentence `npm start` stops with. */
export function untraversableFolderMessage(folder: FolderStat, needs: string): string {
  return (
    `The embedded PostgreSQL runs as the user "postgres" when Keyport is started as root, and that user cannot enter ${folder.path} ` +
    `(mode ${(folder.mode & 0o777).toString(8).padStart(4, '0')}), which holds its ${needs}: ` +
    `move the project to a folder every user can enter (e.g. /srv or /opt), start Keyport as a user other than root, or set DATABASE_URL to a PostgreSQL of your own.`
  );
}
