// Pure: whom the pages tell people to ask when SUPPORT_CONTACT is not set. Pages show it in the
// reader's language (common.defaultSupportContact) rather than this English default.
export const DEFAULT_SUPPORT_CONTACT = 'your cloud platform team';

/** The contact in words for the page: an operator's own value as they wrote it, the default translated. */
export function supportContactFor(contact: string, translatedDefault: string): string {
  return contact === DEFAULT_SUPPORT_CONTACT ? translatedDefault : contact;
}
