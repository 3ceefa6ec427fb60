/** The outbox events the catalogue writes when it publishes; the search index listens for them. */
export const REQUIREMENT_PUBLISHED = 'requirement.published';
export const REQUIREMENT_RETIRED = 'requirement.retired';
