// Slack's documented limits (../shared/reference/platform-limits.md and the Block Kit reference), as named
// constants so that the renderer and its tests speak of the same numbers.
export const MAX_BLOCKS = 50;
export const MAX_MODAL_BLOCKS = 100;
export const MAX_SECTION_TEXT = 3000;
export const MAX_FIELD_TEXT = 2000;
export const MAX_FIELDS_PER_SECTION = 10;
/** Slack answers msg_blocks_too_long near 13.2k characters of block text; stay well under it. */
export const MAX_TOTAL_BLOCK_TEXT = 12_000;
/** The notification / fallback `text`; Slack truncates at 40,000, a notification needs far less. */
export const MAX_FALLBACK_TEXT = 3000;
export const MAX_HEADER_TEXT = 150;
export const MAX_IMAGE_ALT = 2000;
export const MAX_IMAGE_TITLE = 2000;
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_ACTION_ID = 255;
export const MAX_ACTIONS_PER_BLOCK = 25;
export const MAX_SELECT_OPTIONS = 100;
export const MAX_OPTION_TEXT = 75;
export const MAX_OPTION_VALUE = 150;
export const MAX_PLACEHOLDER = 150;
export const MAX_MODAL_TITLE = 24;
export const MAX_MODAL_BUTTON = 24;
export const MAX_INPUT_LABEL = 2000;
export const MAX_CALLBACK_ID = 255;
export const MAX_PRIVATE_METADATA = 3000;
export const TRUNCATED = '… (shortened: too long for Slack)';
