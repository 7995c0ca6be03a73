// Pure: the TR39 skeleton of a group name — two names with the same skeleton look alike
// ("pаypal" with a Cyrillic а and "paypal"). The confusables data is Unicode's confusables.txt as
// the `unhomoglyph` package ships it (generated from the file: each source code point → its
// prototype), never a table written here.
import unhomoglyph from 'unhomoglyph';

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * UTS #39 §4 (Confusable Detection), skeleton(X): convert X to NFD; remove every
 * Default_Ignorable_Code_Point; replace each code point by its prototype from confusables.txt;
 * convert to NFD again. The prototypes in that file are fixed points of the mapping, so one pass
 * is the whole mapping (group-skeleton.test.ts checks this on the shipped data).
 * Case is kept, as in TR39: Keyport compares groups exactly, so "Admins" and "admins" differ.
 */
export function groupSkeleton(group: string): string {
  return unhomoglyph(group.normalize('NFD').replace(DEFAULT_IGNORABLE, '')).normalize('NFD');
}

/** UTS #39 §4: X and Y are confusable when their skeletons are equal; a string is not confusable with itself (NFC-equal). */
export function areConfusable(a: string, b: string): boolean {
  return a.normalize('NFC') !== b.normalize('NFC') && groupSkeleton(a) === groupSkeleton(b);
}
