// The web client's address of the reorganisation page, in a module of its own (no zod): the
// notification bell, on every signed-in page's first load, links to it.

/** Where the web client shows successions and reviews (notification links). */
export const REORGANISATION_PATH = '/quan-tri/to-chuc-lai';
